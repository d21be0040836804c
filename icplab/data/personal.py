"""Personal data in exports: recognised by header and by content, dropped at read.

A header is personal when one of its words (split at spaces, punctuation and camelCase,
any case, English or German) names an e-mail, a name, a company, a phone or a LinkedIn
profile (``firstName``, ``Person - Name``, ``E-Mail-Adresse``, ``mobile_phone``,
``person_linkedin_url``, ``companyName``), unless another word makes it a property of
the outreach rather than of the person (``Campaign Name``, ``Email Status``,
``Company Industry``). Contract columns (``industry``, ``campaign``, ``sent_at`` ...) and
headers mapped in ``[columns]`` are never treated as personal. A column whose values look
like e-mail addresses or phone numbers is personal too, whatever its header. Grouping or
filtering by a column that identifies single people is refused
(:func:`refuse_identifying`).

The scrubber lives in :mod:`icplab.data.scrub`, the pseudonyms of e-mail ids in
:mod:`icplab.data.pseudonym`; their names stay importable from here.

Examples
--------
>>> [h for h in ["firstName", "lastname", "Person - Name", "E-Mail-Adresse", "mobile_phone",
...              "person_linkedin_url", "companyName", "Campaign Name", "lastState",
...              "Company Industry", "Branche", "sent_at"] if is_personal_header(h)]
['firstName', 'lastname', 'Person - Name', 'E-Mail-Adresse', 'mobile_phone', 'person_linkedin_url', 'companyName']
>>> pseudonym("Anna@Example.de") == pseudonym(" anna@example.de")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from icplab.core.errors import UsageError
from icplab.core.notes import Note
from icplab.core.schema import MAPPABLE_COLUMNS, PERSONAL_COLUMNS, canonical_header
from icplab.data.columns import DATE_COLUMNS
from icplab.data.pseudonym import SECRET_PATH as SECRET_PATH
from icplab.data.pseudonym import pseudonym as pseudonym
from icplab.data.pseudonym import pseudonym_key as pseudonym_key
from icplab.data.pseudonym import pseudonymise_ids as pseudonymise_ids
from icplab.data.pseudonym import workspace_secret as workspace_secret
from icplab.data.scrub import EMAIL_RE as EMAIL_RE
from icplab.data.scrub import MASK_EMAIL as MASK_EMAIL
from icplab.data.scrub import MASK_NAME as MASK_NAME
from icplab.data.scrub import MASK_PHONE as MASK_PHONE
from icplab.data.scrub import MIN_MASKED_VALUE as MIN_MASKED_VALUE
from icplab.data.scrub import PHONE_RE as PHONE_RE
from icplab.data.scrub import mask_row_values as mask_row_values
from icplab.data.scrub import scrub_emails as scrub_emails
from icplab.data.scrub import scrub_series as scrub_series
from icplab.data.scrub import scrub_text as scrub_text

#: Header words of columns that hold names (of people or companies): read, so that their
#: values can be masked inside the same row's other cells, then dropped.
NAME_WORDS: frozenset[str] = frozenset(
    {
        "name",
        "names",
        "vorname",
        "nachname",
        "zuname",
        "rufname",
        "company",
        "firma",
        "unternehmen",
        "organization",
        "organisation",
        "kontakt",
        "ansprechpartner",
        "empfänger",
        "empfaenger",
        "recipient",
        "contact",
        "person",
        "owner",
    }
)
#: Words that make a header personal: the name words and these.
PERSONAL_WORDS: frozenset[str] = NAME_WORDS | frozenset(
    {
        "email",
        "mail",
        "phone",
        "telefon",
        "tel",
        "mobile",
        "mobil",
        "handy",
        "fax",
        "linkedin",
        "org",
        "address",
        "adresse",
        "street",
        "strasse",
        "straße",
        "website",
        "domain",
        "title",
        "titel",
        # free text that is written to hold personal details
        "personalization",
        "personalisation",
        "icebreaker",
        "notes",
        "note",
        "notiz",
        "notizen",
        "bemerkung",
        "kommentar",
        "comment",
        "comments",
    }
)

#: Word beginnings that make a header personal (German compounds, glued words).
PERSONAL_STEMS: tuple[str, ...] = (
    "email",
    "telefon",
    "phone",
    "linkedin",
    "vorname",
    "nachname",
    "firstname",
    "lastname",
    "fullname",
    "firmen",
    "companyname",
    "handy",
    "mobilnummer",
    "ansprechpartner",
    "kontaktperson",
    "empfänger",
    "empfaenger",
    "zuname",
)
#: Words that make a header a property of the outreach, not of the person.
PROPERTY_WORDS: frozenset[str] = frozenset(
    {
        "status",
        "sent",
        "open",
        "opened",
        "opens",
        "click",
        "clicked",
        "clicks",
        "bounced",
        "bounce",
        "replied",
        "reply",
        "replies",
        "count",
        "industry",
        "branche",
        "size",
        "employees",
        "mitarbeiter",
        "revenue",
        "umsatz",
        "type",
        "typ",
        "country",
        "land",
        "region",
        "segment",
        "sector",
        "headcount",
        "campaign",
        "kampagne",
        "sequence",
        "stage",
        "step",
        "template",
        "verified",
        "verification",
        "valid",
        "source",
        "state",
        "confidence",
        "score",
        "pipeline",
        "list",
        "tag",
        "label",
        "variant",
        "product",
        "id",
    }
)
#: Contract columns that are not personal: never dropped, whatever their header says.
_CONTRACT_NON_PERSONAL = frozenset(MAPPABLE_COLUMNS) - PERSONAL_COLUMNS

#: Longest cell the content check reads as a possible phone number.
MAX_PHONE_LENGTH = 40
#: How many values per column the content check looks at.
CONTENT_SAMPLE = 5000


def header_words(header: object) -> list[str]:
    """The words of a header: split at camelCase, digits, spaces and punctuation.

    Examples
    --------
    >>> header_words("person_linkedin_url"), header_words("firstName"), header_words("E-Mail")
    (['person', 'linkedin', 'url'], ['first', 'name'], ['e', 'mail'])
    """
    text = re.sub(r"([a-zäöüß])([A-ZÄÖÜ])", r"\1 \2", str(header).strip())
    return [w for w in re.split(r"[^0-9a-zA-ZäöüÄÖÜß]+", text.casefold()) if w]


def is_personal_header(header: object) -> bool:
    """Whether a header names personal data (see the module docstring)."""
    if canonical_header(header) in _CONTRACT_NON_PERSONAL:
        return False
    if canonical_header(header) in PERSONAL_COLUMNS:
        return True
    words = header_words(header)
    glued = "".join(words)
    personal = (
        any(w in PERSONAL_WORDS for w in words)
        or any(w.startswith(PERSONAL_STEMS) for w in words)
        or glued in {"email", "emailadresse", "mailadresse", "emailaddress"}
    )
    if not personal:
        return False
    if any(w.startswith("linkedin") for w in words):
        return True  # a LinkedIn profile, URL or member ID is personal whatever else it says
    return not any(w in PROPERTY_WORDS for w in words)


def is_name_header(header: object) -> bool:
    """Whether a personal header holds names (people, companies): such a column is read
    and its values masked in the row's other cells before it is dropped.

    Examples
    --------
    >>> [h for h in ["firstName", "Empfänger", "Company Name", "email", "phone"] if is_name_header(h)]
    ['firstName', 'Empfänger', 'Company Name']
    """
    if not is_personal_header(header):
        return False
    words = header_words(header)
    return any(w in NAME_WORDS for w in words) or any(
        w.startswith(("firstname", "lastname", "fullname", "companyname", "vorname", "nachname"))
        for w in words
    )


def _numeric_or_date(series: pd.Series) -> bool:
    """Whether a column holds numbers or dates: never personal by its values."""
    return bool(
        pd.api.types.is_numeric_dtype(series.dtype)
        or pd.api.types.is_datetime64_any_dtype(series.dtype)
    )


def _sample(series: pd.Series) -> pd.Series:
    n = len(series)
    if n > 2 * CONTENT_SAMPLE:
        idx = np.unique(
            np.r_[np.arange(CONTENT_SAMPLE), np.linspace(0, n - 1, CONTENT_SAMPLE).astype(int)]
        )
        series = series.iloc[idx]
    values = pd.Series(pd.unique(series.dropna().astype(str).str.strip()), dtype=object)
    return values[values != ""]


def looks_personal(series: pd.Series) -> bool:
    """Whether a column's values look like e-mail addresses or phone numbers.

    Any e-mail address makes the column personal; phone numbers must be at least half of
    its distinct values (so that an odd ID does not drop a column). Numeric columns are
    never personal by content.

    Examples
    --------
    >>> looks_personal(pd.Series(["x", "mail me: a.b@firma.de"]))
    True
    >>> looks_personal(pd.Series(["+49 171 2345678", "030 1234567", ""]))
    True
    >>> looks_personal(pd.Series(["2.000", "12", "IT"]))
    False
    """
    if _numeric_or_date(series):
        return False
    values = _sample(series)
    if values.empty:
        return False
    with_at = values[values.str.contains("@", regex=False)]
    if len(with_at) and with_at.str.contains(EMAIL_RE, regex=True).any():
        return True
    short = values[values.str.len() <= MAX_PHONE_LENGTH]  # a phone number is short
    if len(short) < max(1, 0.5 * len(values)):
        return False
    phones = short.str.fullmatch(PHONE_RE) & short.str.count(r"\d").between(7, 15)
    return bool(phones.sum() >= max(1, 0.5 * len(values)))


def looks_personal_each(texts: Sequence[str]) -> np.ndarray:
    """Whether each text on its own looks like an e-mail address or a phone number: for
    every text, what :func:`looks_personal` says of a column holding only that text, in
    one vectorised pass (a file's headers: one call, not one per header).

    Examples
    --------
    >>> looks_personal_each(["Branche", " anna@example.com ", "+49 171 2345678", ""]).tolist()
    [False, True, True, False]
    """
    stripped = pd.Series(list(texts), dtype=str).str.strip()
    values = pd.Series(np.asarray(stripped, dtype=object), dtype=object)  # as _sample has it
    if values.empty:
        return np.zeros(0, dtype=bool)
    at = values.str.contains("@", regex=False).to_numpy(dtype=bool)
    email = at & values.str.contains(EMAIL_RE, regex=True).to_numpy(dtype=bool)
    short = (values.str.len() <= MAX_PHONE_LENGTH).to_numpy(dtype=bool)
    phone = (
        short
        & values.str.fullmatch(PHONE_RE).to_numpy(dtype=bool)
        & values.str.count(r"\d").between(7, 15).to_numpy(dtype=bool)
    )
    return (values != "").to_numpy(dtype=bool) & (email | phone)


#: Contract columns that are not scrubbed: the prospect id (pseudonymised instead) and
#: columns with nearly one value per row that hold no free text (dates, amounts); their
#: error messages go through :func:`scrub_text` in the CLI. Few-valued columns such as
#: ``employees`` or the flags are scrubbed, so a name typed into them is not quoted.
_NOT_FREE_TEXT = frozenset({"prospect_id", "deal_value", "contacted", *DATE_COLUMNS})


def mask_personal(
    raw: pd.DataFrame, mapped: set[str], declared: Iterable[str] = ()
) -> pd.DataFrame:
    """The loader's one call before personal columns are dropped: every text cell of
    ``raw`` scrubbed and each row's personal values (names, companies, the ``declared``
    headers) masked in its other cells (:func:`mask_row_values`). ``mapped``: the file
    headers that ``[columns]`` reads (never personal); the prospect id is left to
    :func:`pseudonymise_ids`."""
    declared = set(declared)
    personal = [
        c
        for c in raw.columns
        if str(c) not in mapped
        and (
            is_personal_header(c)
            or canonical_header(c) in declared
            or (
                canonical_header(c) not in _CONTRACT_NON_PERSONAL
                and canonical_header(c) != ""
                and looks_personal(raw[c])
            )
        )
    ]
    keep = [c for c in raw.columns if canonical_header(c) in _NOT_FREE_TEXT]
    return mask_row_values(raw, personal, keep)


#: Common first names (German and English) for the name-shape check of
#: :func:`name_like_columns`; a small list is enough: half a column's names need to be on it.
FIRST_NAMES: frozenset[str] = frozenset(
    [
        "anna",
        "andrea",
        "andreas",
        "alexander",
        "alexandra",
        "benjamin",
        "birgit",
        "christian",
        "christina",
        "claudia",
        "daniel",
        "david",
        "dirk",
        "elke",
        "emma",
        "eva",
        "felix",
        "frank",
        "gabriele",
        "hans",
        "heike",
        "helga",
        "jan",
        "jana",
        "jens",
        "johannes",
        "jonas",
        "julia",
        "jürgen",
        "karin",
        "katharina",
        "klaus",
        "laura",
        "lea",
        "lena",
        "leon",
        "lukas",
        "maria",
        "marie",
        "markus",
        "martin",
        "max",
        "michael",
        "monika",
        "nicole",
        "niklas",
        "paul",
        "peter",
        "petra",
        "ralf",
        "sabine",
        "sandra",
        "sarah",
        "sebastian",
        "simon",
        "sophie",
        "stefan",
        "stephan",
        "susanne",
        "thomas",
        "tim",
        "tobias",
        "ulrike",
        "uwe",
        "wolfgang",
        "james",
        "john",
        "robert",
        "william",
        "mary",
        "patricia",
        "jennifer",
        "linda",
        "elizabeth",
        "susan",
        "jessica",
        "emily",
        "chris",
        "mark",
        "steven",
        "kevin",
        "brian",
        "george",
        "emily",
        "olivia",
        "noah",
        "liam",
    ]
)
_NAME_SHAPE = re.compile(
    r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?(?: [A-ZÄÖÜ][a-zäöüß'-]+){1,2}"
)


def name_like_columns(frame: pd.DataFrame, known: Iterable[str] = ()) -> list[str]:
    """Columns outside ``known`` whose values look like person names: most distinct values
    are two or three capitalised words ("Max Mustermann") and either a good share of them
    start with a common first name or nearly every row has its own value. Such a column
    escaped the header check: ``validate`` warns, and ``[columns] personal = [...]``
    drops it.

    Examples
    --------
    >>> f = pd.DataFrame({"Empf": ["Max Mustermann", "Eva Roth", "Jan Krüger", "Anna Weiß"],
    ...                   "industry": ["IT", "IT", "Logistik", "Handel"]})
    >>> name_like_columns(f, ["industry"])
    ['Empf']
    """
    known = set(known)
    out = []
    for col in frame.columns:
        if col in known or canonical_header(col) in _CONTRACT_NON_PERSONAL:
            continue
        series = frame[col]
        if _numeric_or_date(series):
            continue
        values = _sample(series)
        values = values[values.str.len() <= 80]
        if len(values) < 3:
            continue
        shaped = values[values.str.fullmatch(_NAME_SHAPE.pattern)]
        if len(shaped) < 0.6 * len(values):
            continue
        first = shaped.str.split(" ").str[0].str.casefold().isin(FIRST_NAMES)
        nearly_unique = series.nunique() >= 0.8 * series.notna().sum() and len(values) >= 20
        if first.mean() >= 0.3 or nearly_unique:
            out.append(str(col))
    return out


def drop_declared(raw: pd.DataFrame, mapping: object) -> tuple[pd.DataFrame, list[str]]:
    """Drop the columns ``[columns] personal`` declares; returns the rest and their
    headers."""
    declared = set(getattr(mapping, "personal", ()) or ())
    drop = [c for c in raw.columns if canonical_header(c) in declared]
    return (raw.drop(columns=drop), [str(c).strip() for c in drop]) if drop else (raw, [])


_NUMBER_OR_DATE_RE = re.compile(r"[-+]?\d[\d.,:/\s-]*(?:[tT ]\d[\d:.]*)?")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def header_looks_like_data(headers: Sequence[object]) -> str | None:
    """Why a file's first line looks like a data row rather than a header, or ``None``.

    A header never holds an e-mail address, a phone number or a web address, and hardly
    ever two numbers or dates. The reason names what was found, never the values.

    Examples
    --------
    >>> header_looks_like_data(["P1", "IT", "21", "0", "anna@example.de"])
    'it has an e-mail address'
    >>> header_looks_like_data(["P1", "IT", "21", "2026-01-12", "du"])
    'it has numbers or dates where column names belong'
    >>> header_looks_like_data(["prospect_id", "Branche", "Mitarbeiter 2024"]) is None
    True
    """
    cells = [str(h).strip() for h in headers]
    if any(re.search(EMAIL_RE, c) for c in cells):
        return Note("data_file.header_has_email")
    if any(_URL_RE.fullmatch(c) for c in cells):
        return Note("data_file.header_has_url")
    if any(re.fullmatch(PHONE_RE, c) and 7 <= sum(ch.isdigit() for ch in c) <= 15 for c in cells):
        return Note("data_file.header_has_phone")
    if sum(bool(_NUMBER_OR_DATE_RE.fullmatch(c)) for c in cells) >= 2:
        return Note("data_file.header_has_numbers")
    return None


#: Header words that, next to an ``id``-like word, name a single person's record.
_PERSON_ID_WORDS: frozenset[str] = frozenset(
    {
        "lead",
        "leads",
        "contact",
        "prospect",
        "person",
        "people",
        "user",
        "member",
        "customer",
        "recipient",
        "kunde",
        "kunden",
        "kontakt",
        "empfänger",
        "record",
    }
)
#: A text column with more distinct values than this, nearly one per row, names single rows.
UNIQUE_LEVELS_MIN = 20


def identifying_reason(column: str, values: pd.Series | None = None) -> str | None:
    """Why grouping by ``column`` would print values that identify single people, or ``None``.

    Such a column (``prospect_id``, a personal header, a lead or contact id, values that
    look like e-mail addresses or phone numbers, or a text column with nearly one value per
    row of a row-level log) is no segment: comparing by it would list every value.

    Examples
    --------
    >>> identifying_reason("prospect_id")
    'prospect_id identifies single people'
    >>> identifying_reason("Lead ID")
    "'Lead ID' identifies single people"
    >>> identifying_reason("email")
    "'email' holds personal data"
    >>> identifying_reason("industry", pd.Series(["IT", "Logistik", "IT"])) is None
    True
    """
    name = canonical_header(column)
    if name == "prospect_id":
        return Note("data_filter.id_identifies")
    words = set(header_words(column))
    if {"id", "uuid", "guid"} & words and (_PERSON_ID_WORDS & words or len(words) == 1):
        return Note("data_filter.identifies", column=column)
    if name in PERSONAL_COLUMNS or (
        name not in _CONTRACT_NON_PERSONAL and is_personal_header(column)
    ):
        return Note("data_filter.personal", column=column)
    if values is None or name in _CONTRACT_NON_PERSONAL:
        return None
    if looks_personal(values):
        return Note("data_filter.personal_values", column=column)
    if _numeric_or_date(values):
        return None
    present = values.dropna()
    distinct = present.nunique()
    if distinct > UNIQUE_LEVELS_MIN and distinct >= 0.9 * len(present):
        return Note("data_filter.unique_values", column=column)
    return None


def refuse_identifying(
    frame: pd.DataFrame,
    column: str | None,
    option: str = "--by",
    where: Iterable[str] | None = None,
) -> None:
    """Refuse to group or filter by a column that identifies single people
    (:func:`identifying_reason`): the output would list them, or single one out.

    ``column`` is checked as ``option`` (``--by``, ``--within``), each name in ``where`` as
    ``--where``. Content rules apply only to a row-level frame (an aggregated table has one
    row per segment, not per person).

    Raises
    ------
    UsageError
        Naming the option and the column, why, and what to choose instead.

    Examples
    --------
    >>> f = pd.DataFrame({"prospect_id": ["a", "b"], "contacted": [1, 1]})
    >>> refuse_identifying(f, "industry")
    >>> refuse_identifying(f, "prospect_id")
    Traceback (most recent call last):
    icplab.core.errors.UsageError: --by prospect_id: prospect_id identifies single people; grouping by it would print every id. Choose a segment column such as industry, size_band, messaging or salutation.
    """
    row_level = (
        "contacted" not in frame.columns or len(frame) == 0 or int(frame["contacted"].max()) <= 1
    )
    checks = [(option, column)] if column else []
    checks += [("--where", c) for c in (where or ())]
    for opt, col in checks:
        values = frame[col] if row_level and col in frame.columns else None
        reason = identifying_reason(col, values)
        if reason:
            if opt == "--where":
                code = "data_filter.refuse_where"
            elif "identifies" in reason:
                code = "data_filter.refuse_by_id"
            else:
                code = "data_filter.refuse_by_value"
            raise UsageError(Note(code, option=opt, column=col, reason=reason))
