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

import contextlib
import contextvars
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

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
        "empfänger",
        "empfaenger",
        "zuname",
        "rufname",
        "recipient",
        "person",
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
    "empfänger",
    "empfaenger",
    "zuname",
)
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

#: Characters that end an e-mail address in free text (and may stand before one).
_SEP = r"\s<>,;\"'()\[\]"
#: An e-mail address. Linear time on any cell: a match may only start at the beginning of
#: a word (the look-behind rejects every other position in one step), so each word is
#: scanned once (a 1 MB cell without separators takes milliseconds, not hours).
EMAIL_RE = rf"(?<![^{_SEP}])[^{_SEP}@]+@[^{_SEP}@]+\.[A-Za-z]{{2,}}"
#: Phone numbers, with bounded repetitions (linear time, like :data:`EMAIL_RE`).
_PHONE_RES = (
    r"\+\d[\d\s()./-]{5,24}\d",  # +49 30 1234567
    r"00\d[\d\s()./-]{5,24}\d",  # 0049 ...
    r"0\d{1,5}[\s/()-]{1,3}[\d\s/()-]{3,20}\d",  # 030 1234567, 0171/1234567
    r"0[1-9]\d{8,11}",  # 01711234567
)
PHONE_RE = "(?:" + "|".join(_PHONE_RES) + ")"
#: A phone number in free text starts a word (never inside a number or a date).
_PHONE_IN_TEXT = r"(?<![\w+.:/-])" + PHONE_RE
_DATE_LIKE = re.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
#: Longest cell the content check reads as a possible phone number.
MAX_PHONE_LENGTH = 40
#: How many values per column the content check looks at.
CONTENT_SAMPLE = 5000
#: What a masked value reads as in messages, labels and free text.
MASK_EMAIL = "[e-mail removed]"
MASK_PHONE = "[phone removed]"
MASK_NAME = "[name removed]"
#: Personal values shorter than this are not searched for inside other cells (an initial
#: or "IT" would mask half the labels).
MIN_MASKED_VALUE = 3
#: The workspace's pseudonym secret, relative to the workspace root (0600).
SECRET_PATH = Path(".icplab") / "pseudonym.key"
_PROCESS_KEY = secrets.token_bytes(32)
_KEY: contextvars.ContextVar[bytes] = contextvars.ContextVar("icplab_pseudonym_key")


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
    with_at = values[values.str.contains("@", regex=False)]
    if len(with_at) and with_at.str.contains(EMAIL_RE, regex=True).any():
        return True
    short = values[values.str.len() <= MAX_PHONE_LENGTH]  # a phone number is short
    if len(short) < max(1, 0.5 * len(values)):
        return False
    phones = short.str.fullmatch(PHONE_RE) & short.str.count(r"\d").between(7, 15)
    return bool(phones.sum() >= max(1, 0.5 * len(values)))


def pseudonym(value: str) -> str:
    """A stable pseudonym for an e-mail address used as prospect_id (keyed hash).

    The same address (any case, surrounding spaces) always gives the same pseudonym under
    the same key: the workspace's random secret inside :func:`pseudonym_key`, else a
    random key of this process. Without the key the address cannot be found again from
    the pseudonym (no constant key to try addresses against).
    """
    key = _KEY.get(_PROCESS_KEY)
    digest = hmac.new(key, value.strip().casefold().encode(), hashlib.sha256).hexdigest()
    return f"p-{digest[:16]}"


def workspace_secret(root: Path) -> bytes:
    """The workspace's pseudonym secret (``.icplab/pseudonym.key``), created on first use:
    32 random bytes, readable by the owner only (0600). Falls back to the process key
    when the workspace cannot be written.
    """
    from icplab.core.files import safe_mkdir, write_private

    path = Path(root) / SECRET_PATH
    for _ in range(2):
        try:
            with open(path, "rb") as fh:
                secret = fh.read()
            if len(secret) >= 32:
                return secret
            return _PROCESS_KEY
        except FileNotFoundError:
            pass
        except OSError:
            return _PROCESS_KEY
        try:
            safe_mkdir(path.parent, Path(root))
            write_private(path, secrets.token_bytes(32))
        except FileExistsError:
            continue  # another process wrote it meanwhile: read theirs
        except (OSError, ValueError):
            return _PROCESS_KEY
        except Exception:  # an unsafe path (a linked .icplab): never write through it
            return _PROCESS_KEY
    return _PROCESS_KEY


@contextlib.contextmanager
def pseudonym_key(root: Path | None) -> Iterator[None]:
    """Pseudonyms made inside the block use the secret of workspace ``root`` (outside a
    workspace, ``root=None``: the random key of this process)."""
    token = _KEY.set(workspace_secret(root) if root is not None else _PROCESS_KEY)
    try:
        yield
    finally:
        _KEY.reset(token)


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


_EMAIL = re.compile(EMAIL_RE)
_PHONE = re.compile(_PHONE_IN_TEXT)
_DIGIT = re.compile(r"\d")


def _phone_mask(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(ch.isdigit() for ch in found)
    if not 7 <= digits <= 15 or _DATE_LIKE.fullmatch(found.strip()):
        return found
    return MASK_PHONE


def scrub_text(text: object, personal: Iterable[object] = ()) -> str:
    """``text`` with every e-mail address, phone number and personal value masked.

    The one scrubber of icplab: error messages, log lines, labels, rejection reasons and
    free text pass through it before they leave the loader, the CLI or the runner.
    ``personal`` holds values of the row's own personal columns (names, companies): each
    is masked wherever it occurs (any case; values shorter than
    :data:`MIN_MASKED_VALUE` characters are left alone). Linear time in ``len(text)``.

    Examples
    --------
    >>> scrub_text("bad row for max@firma.de, call +49 30 1234567")
    'bad row for [e-mail removed], call [phone removed]'
    >>> scrub_text("Logistik (Max Mustermann <max@x.de>)", ["Max Mustermann"])
    'Logistik ([name removed] <[e-mail removed]>)'
    >>> scrub_text("Termin 2026-09-30 oder 01-10-2026, 12 Leads")
    'Termin 2026-09-30 oder 01-10-2026, 12 Leads'
    """
    out = str(text)
    if "@" in out:
        out = _EMAIL.sub(MASK_EMAIL, out)
    if _DIGIT.search(out):
        out = _PHONE.sub(_phone_mask, out)
    for value in personal:
        if value is None or (isinstance(value, float) and value != value):
            continue
        v = str(value).strip()
        if len(v) >= MIN_MASKED_VALUE and v.casefold() in out.casefold():
            out = re.sub(re.escape(v), MASK_NAME, out, flags=re.IGNORECASE)
    return out


def scrub_series(values: pd.Series) -> pd.Series:
    """A text column with e-mail addresses and phone numbers masked (per distinct value;
    empty cells stay empty).

    Examples
    --------
    >>> scrub_series(pd.Series(["budget", "ask x.y@firma.de", None])).tolist()
    ['budget', 'ask [e-mail removed]', nan]
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    text = pd.Series(np.asarray(uniques, dtype=object)).astype(str)
    candidate = text.str.contains(r"@|\d{3}", regex=True).to_numpy(dtype=bool)
    if not candidate.any():
        return values
    clean = text.to_numpy(dtype=object).copy()
    clean[candidate] = [scrub_text(t) for t in text[candidate]]
    if (clean == text.to_numpy(dtype=object)).all():
        return values
    out = np.append(np.asarray(clean, dtype=object), np.asarray([np.nan], dtype=object))[codes]
    return pd.Series(out, index=values.index, dtype=object)


#: Kept for callers of the first version: e-mail addresses (and now phones) masked.
scrub_emails = scrub_series


_WORD = re.compile(r"[^\W\d_]{3,}")  # words of letters: digits alone name nobody


def _words(text: object) -> set[str]:
    return set(_WORD.findall(str(text).casefold()))


def mask_row_values(
    frame: pd.DataFrame, personal: Sequence[object], keep: Iterable[object] = ()
) -> pd.DataFrame:
    """``frame`` with every text cell scrubbed (:func:`scrub_series`) and, in each row,
    the values of that row's ``personal`` columns masked wherever they occur in its other
    text cells ("Max Mustermann" inside an industry label or a rejection reason).

    The ``personal`` columns themselves and the ``keep`` columns (the prospect id, which
    is pseudonymised instead) are left as they are; numeric, boolean and date columns are
    not touched. Only cells that share a word with some personal value are searched row
    by row, so a log of labels costs one pass over its distinct values.

    Examples
    --------
    >>> f = pd.DataFrame({"name": ["Max Mustermann", "Eva Roth"],
    ...                   "industry": ["IT (Max Mustermann)", "Logistik"]})
    >>> mask_row_values(f, ["name"])["industry"].tolist()
    ['IT ([name removed])', 'Logistik']
    """
    personal = [c for c in personal if c in frame.columns]
    skip = {*personal, *keep}
    text_cols = [
        c
        for c in frame.columns
        if c not in skip
        and not pd.api.types.is_numeric_dtype(frame[c].dtype)
        and not pd.api.types.is_datetime64_any_dtype(frame[c].dtype)
        and not pd.api.types.is_bool_dtype(frame[c].dtype)
    ]
    if not text_cols:
        return frame
    frame = frame.copy()
    people = [frame[c].astype(object).to_numpy() for c in personal]
    person_words: set[str] = set()
    for column in people:  # one pass over all distinct values (joined): fast on 1M rows
        distinct = [v for v in pd.unique(column) if isinstance(v, str)]
        person_words |= _words("\n".join(distinct))
    for col in text_cols:
        values = scrub_series(frame[col])
        if person_words:
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
            maybe = np.array([bool(_words(u) & person_words) for u in uniques] + [False])
            rows = np.flatnonzero(maybe[codes])
            if len(rows):
                cells = values.astype(object).to_numpy().copy()
                for i in rows:
                    cells[i] = scrub_text(cells[i], [p[i] for p in people])
                values = pd.Series(cells, index=frame.index, dtype=object)
        if values is not frame[col]:
            frame[col] = values
    return frame


#: Contract columns that are not scrubbed: the prospect id (pseudonymised instead) and
#: columns with nearly one value per row that hold no free text (dates, amounts); their
#: error messages go through :func:`scrub_text` in the CLI. Few-valued columns such as
#: ``employees`` or the flags are scrubbed, so a name typed into them is not quoted.
_NOT_FREE_TEXT = frozenset(
    {
        "prospect_id",
        "deal_value",
        "contacted",
        "sent_at",
        "replied_at",
        "meeting_at",
        "qualified_at",
        "deal_at",
        "lost_at",
    }
)


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
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(
            series.dtype
        ):
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
