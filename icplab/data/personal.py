"""Personal data in exports: recognised by header and by content, dropped at read.

A header is personal when one of its words (split at spaces, punctuation and camelCase,
any case, English or German) names an e-mail, a name, a company, a phone or a LinkedIn
profile (``firstName``, ``Person - Name``, ``E-Mail-Adresse``, ``mobile_phone``,
``person_linkedin_url``, ``companyName``), unless another word makes it a property of
the outreach rather than of the person (``Campaign Name``, ``Email Status``,
``Company Industry``). Contract columns (``industry``, ``campaign``, ``sent_at`` ...) and
headers mapped in ``[columns]`` are never treated as personal. A column whose values look
like e-mail addresses or phone numbers is personal too, whatever its header.

A ``prospect_id`` that is itself an e-mail address is replaced by a stable pseudonym
(a keyed hash), so it never appears in a message or output.

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

import hashlib
import hmac
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from icplab.core.errors import UsageError
from icplab.core.schema import MAPPABLE_COLUMNS, PERSONAL_COLUMNS, canonical_header

#: Words that make a header personal.
PERSONAL_WORDS: frozenset[str] = frozenset(
    {
        "email",
        "mail",
        "name",
        "names",
        "vorname",
        "nachname",
        "company",
        "firma",
        "unternehmen",
        "organization",
        "organisation",
        "org",
        "phone",
        "telefon",
        "tel",
        "mobile",
        "mobil",
        "handy",
        "fax",
        "linkedin",
        "owner",
        "address",
        "adresse",
        "street",
        "strasse",
        "straße",
        "website",
        "domain",
        "kontakt",
        "ansprechpartner",
        "contact",
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

EMAIL_RE = r"[^@\s<>,;]+@[^@\s<>,;]+\.[A-Za-z]{2,}"
_PHONE_RES = (
    r"\+\d[\d\s()./-]{5,}\d",  # +49 30 1234567
    r"00\d[\d\s()./-]{5,}\d",  # 0049 ...
    r"0\d{1,5}[\s/()-]+[\d\s/()-]{3,}\d",  # 030 1234567, 0171/1234567
    r"0[1-9]\d{8,11}",  # 01711234567
)
PHONE_RE = "(?:" + "|".join(_PHONE_RES) + ")"
#: How many values per column the content check looks at.
CONTENT_SAMPLE = 5000
_KEY = b"icplab prospect pseudonym v1"


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
    if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(
        series.dtype
    ):
        return False
    values = _sample(series)
    if values.empty:
        return False
    if values.str.contains(EMAIL_RE, regex=True).any():
        return True
    phones = values.str.fullmatch(PHONE_RE) & values.str.count(r"\d").between(7, 15)
    return bool(phones.sum() >= max(1, 0.5 * len(values)))


def pseudonym(value: str) -> str:
    """A stable pseudonym for an e-mail address used as prospect_id (keyed hash).

    The same address (any case, surrounding spaces) always gives the same pseudonym.
    """
    digest = hmac.new(_KEY, value.strip().casefold().encode(), hashlib.sha256).hexdigest()
    return f"p-{digest[:16]}"


def pseudonymise_ids(ids: pd.Series) -> tuple[pd.Series, bool]:
    """Replace prospect IDs that are e-mail addresses by pseudonyms (per distinct value).

    Returns the new IDs and whether any was replaced.

    Examples
    --------
    >>> new, changed = pseudonymise_ids(pd.Series(["p1", "anna@example.de"]))
    >>> new[0], new[1].startswith("p-"), changed
    ('p1', True, True)
    """
    if pd.api.types.is_numeric_dtype(ids.dtype):
        return ids, False
    # cheap pre-check (vectorised, no regex): only cells with an '@' can be addresses
    if isinstance(ids.dtype, pd.CategoricalDtype):
        has_at = ids.cat.categories.astype(str).str.contains("@", regex=False)
        if not has_at.any():
            return ids, False
        ids = ids.astype(object)
    at = ids.astype(str).str.contains("@", regex=False).to_numpy(dtype=bool, na_value=False)
    if not at.any():
        return ids, False
    codes, uniques = pd.factorize(ids[at], use_na_sentinel=True)
    text = pd.Series(np.asarray(uniques, dtype=object)).astype(str)
    is_mail = text.str.contains(EMAIL_RE, regex=True).to_numpy()
    if not is_mail.any():
        return ids, False
    new = text.to_numpy(dtype=object).copy()
    new[is_mail] = [pseudonym(v) for v in text[is_mail]]
    out = ids.to_numpy(dtype=object).copy()
    out[at] = new[codes]
    return pd.Series(out, index=ids.index, dtype=object), True


def scrub_emails(values: pd.Series) -> pd.Series:
    """Free text with every e-mail address replaced by ``[e-mail removed]`` (per distinct value).

    Examples
    --------
    >>> scrub_emails(pd.Series(["budget", "ask x.y@firma.de"])).tolist()
    ['budget', 'ask [e-mail removed]']
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    text = pd.Series(np.asarray(uniques, dtype=object)).astype(str)
    if not text.str.contains(EMAIL_RE, regex=True).any():
        return values
    clean = text.str.replace(EMAIL_RE, "[e-mail removed]", regex=True).to_numpy(dtype=object)
    out = np.append(clean, np.asarray([np.nan], dtype=object))[codes]
    return pd.Series(out, index=values.index, dtype=object)


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
        return "it has an e-mail address"
    if any(_URL_RE.fullmatch(c) for c in cells):
        return "it has a web address"
    if any(re.fullmatch(PHONE_RE, c) and 7 <= sum(ch.isdigit() for ch in c) <= 15 for c in cells):
        return "it has a phone number"
    if sum(bool(_NUMBER_OR_DATE_RE.fullmatch(c)) for c in cells) >= 2:
        return "it has numbers or dates where column names belong"
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
        return "prospect_id identifies single people"
    words = set(header_words(column))
    if {"id", "uuid", "guid"} & words and (_PERSON_ID_WORDS & words or len(words) == 1):
        return f"'{column}' identifies single people"
    if name in PERSONAL_COLUMNS or (
        name not in _CONTRACT_NON_PERSONAL and is_personal_header(column)
    ):
        return f"'{column}' holds personal data"
    if values is None or name in _CONTRACT_NON_PERSONAL:
        return None
    if looks_personal(values):
        return f"'{column}' holds personal data (e-mail addresses or phone numbers)"
    if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_datetime64_any_dtype(
        values.dtype
    ):
        return None
    present = values.dropna()
    distinct = present.nunique()
    if distinct > UNIQUE_LEVELS_MIN and distinct >= 0.9 * len(present):
        return f"'{column}' has a different value on almost every row: it identifies single people"
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
            raise UsageError(
                f"{opt} {col}: {reason}; "
                + (
                    "filtering by it singles out people."
                    if opt == "--where"
                    else "grouping by it would print every "
                    + ("id." if "identifies" in reason else "value.")
                )
                + " Choose a segment column such as industry, size_band, messaging or "
                "salutation."
            )
