"""Every user-facing word of the reports (English and German), number formats and escaping.

One home for the report layer's wording: verdict words, the index page, badges, table
headers, figure labels; the number formats of each language (``13.8 %`` / ``13,8 %``,
``3,275`` / ``3.275``); and one escaping helper per medium, so a user-provided label
(industry, message variant, thesis, campaign, file name) never becomes live markup.

Examples
--------
>>> pct(0.138, "de"), integer(3275, "de"), integer(3275)
('13,8 %', '3.275', '3,275')
>>> md("<img src=x onerror=alert(1)>")
'&lt;img src=x onerror=alert\\\\(1\\\\)&gt;'
>>> word("title", "de")
'ICP-Berichte'
"""

from __future__ import annotations

import html as _html
import math
import re
from typing import Any

from icplab.report import messages

#: Languages of the reports.
LANGUAGES: tuple[str, ...] = ("en", "de")

# -- escaping: one helper per medium -------------------------------------------------------

_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-!|~.:$])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def html_text(value: Any) -> str:
    """``value`` as inert HTML text (``<``, ``>``, ``&`` and quotes escaped).

    Examples
    --------
    >>> html_text('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return _html.escape(str(value), quote=True)


def md(value: Any) -> str:
    """``value`` as inert Markdown text (rendered to HTML by nbconvert / JupyterLab).

    HTML-escapes the text (raw HTML in Markdown is passed through by the renderers, so a
    tag must never survive), then backslash-escapes every Markdown special character, so
    ``*``, ``_``, ``|``, ``[x](javascript:...)`` and autolinks stay literal text. Line
    breaks become spaces (a label never starts a new block).

    Examples
    --------
    >>> md("[x](javascript:alert(1))")
    '\\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
    >>> md("a_b*c|d")
    'a\\\\_b\\\\*c\\\\|d'
    """
    text = _CONTROL.sub(" ", str(value)).replace("\n", " ").replace("\r", " ")
    # Markdown specials first, then the HTML characters (their entities must stay whole)
    return _html.escape(_MD_SPECIALS.sub(r"\\\1", text), quote=False)


#: Characters of a user label shown in a figure (tick labels, legends) and in a report
#: table cell; longer labels are cut with "…" (the full label stays in the JSON, the
#: spreadsheets and, for a table cell, its tooltip).
PLOT_LABEL_LIMIT = 40
TABLE_LABEL_LIMIT = 60
TITLE_LIMIT = 100


def short_label(value: Any, limit: int = TABLE_LABEL_LIMIT) -> str:
    """A user label for display: every run of white space (line breaks, tabs) becomes one
    space, and a label longer than ``limit`` is cut with "…".

    Examples
    --------
    >>> short_label("IT\\n# Heading\\n```")
    'IT # Heading ```'
    >>> short_label("Lang" + "x" * 100, limit=10)
    'Langxxxxx…'
    """
    s = " ".join(str(value).split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def plot_text(value: Any) -> str:
    """``value`` for a matplotlib label: ``$`` would start mathtext, so it is escaped.

    Examples
    --------
    >>> plot_text("$5 deal")
    '\\\\$5 deal'
    """
    return _CONTROL.sub(" ", str(value)).replace("$", r"\$")


def terminal(value: Any) -> str:
    """``value`` for a terminal: control characters (ANSI escapes, bells) removed.

    Examples
    --------
    >>> terminal("IT\\x1b[31m")
    'IT [31m'
    """
    return _CONTROL.sub(" ", str(value))


# -- numbers --------------------------------------------------------------------------------


def _missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(isinstance(x, float) and math.isnan(x)) or x != x
    except (TypeError, ValueError):
        return False


def localise(text: str, language: str) -> str:
    """An English-formatted number with the language's signs (Babel's locale data)."""
    return messages.symbols(text, language)


def number(x: Any, language: str = "en", digits: int = 1) -> str:
    """A number with ``digits`` decimals and thousands separators.

    Examples
    --------
    >>> number(1234.56, "de", 2), number(1234.56, "en", 2)
    ('1.234,56', '1,234.56')
    """
    if _missing(x):
        return "n/a" if language == "en" else "k. A."
    return messages.decimal(float(x), language, digits)


def integer(x: Any, language: str = "en") -> str:
    """A whole number with thousands separators (``3,275`` / ``3.275``)."""
    if _missing(x):
        return "n/a" if language == "en" else "k. A."
    return messages.decimal(int(round(float(x))), language, 0)


def pct(x: Any, language: str = "en", digits: int = 1) -> str:
    """A rate as a percentage (``13.8 %`` / ``13,8 %``); ``n/a`` when undefined.

    Examples
    --------
    >>> pct(0.1234), pct(float("nan")), pct(0.15, "de", 0)
    ('12.3 %', 'n/a', '15 %')
    """
    if _missing(x):
        return "n/a" if language == "en" else "k. A."
    return messages.percent(float(x), language, digits)


def pp(x: Any, language: str = "en", digits: int = 1) -> str:
    """A rate difference in percentage points, signed (``+1.6 pts`` / ``+1,6 Pkt.``)."""
    if _missing(x):
        return ""
    unit = "Pkt." if language == "de" else "pts"
    return localise(f"{100 * float(x):+.{digits}f}", language) + " " + unit


def signed(x: Any, language: str = "en", digits: int = 1) -> str:
    """A signed number in percentage points without unit (``+1.6`` / ``+1,6``)."""
    if _missing(x):
        return ""
    return localise(f"{100 * float(x):+.{digits}f}", language)


def pvalue(p: Any, language: str = "en") -> str:
    """A p-value for prose: ``p = 0.004``, ``p < 0.001`` (German decimal comma)."""
    if _missing(p):
        return ""
    if p < 0.001:
        return "p < " + localise("0.001", language)
    return "p = " + localise(f"{p:.3f}" if p >= 0.01 else f"{p:.2g}", language)


def lift(x: Any, language: str = "en") -> str:
    """A relative change, signed (``+12 %`` / ``-8 %``)."""
    if _missing(x) or not math.isfinite(float(x)):
        return ""
    return localise(f"{100 * float(x):+.0f}", language) + " %"


def join(items: list[str], language: str = "en") -> str:
    """``a, b and c`` / ``a, b und c``."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" und " if language == "de" else " and ") + items[-1]


# -- words ------------------------------------------------------------------------------------

#: Verdict of a rate against its target, per language.
VERDICT_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "pass": "meets target",
        "fail": "misses target",
        "inconclusive": "not yet clear",
        "untested": "too few contacts",
        "info": "for information",
        "failed": "report failed",
        "candidate": "not yet clear",
        "so_far": "below target so far; recent contacts may still reply",
        "below_target_so_far": "below target so far; recent contacts may still reply",
    },
    "de": {
        "pass": "Ziel erreicht",
        "fail": "Ziel verfehlt",
        "inconclusive": "noch offen",
        "untested": "zu wenige Kontakte",
        "info": "zur Information",
        "failed": "Bericht fehlgeschlagen",
        "candidate": "noch offen",
        "so_far": "bisher unter dem Ziel; neuere Kontakte können noch antworten",
        "below_target_so_far": "bisher unter dem Ziel; neuere Kontakte können noch antworten",
    },
}

#: Badges that answer an A/B report's own question (``{level}``: the winner).
ANSWER_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "winner": "clear winner: {level}",
        "differences": "differences, no single winner",
        "no_difference": "no clear difference",
        "nothing_to_compare": "nothing to compare",
        "differs_by_segment": "differs by segment",
    },
    "de": {
        "winner": "klarer Sieger: {level}",
        "differences": "Unterschiede, kein einzelner Sieger",
        "no_difference": "kein klarer Unterschied",
        "nothing_to_compare": "nichts zu vergleichen",
        "differs_by_segment": "je nach Segment verschieden",
    },
}

#: Everything else the report layer writes, as ``key: (English, German)``.
TEXT: dict[str, tuple[str, str]] = {
    # index page
    "title": ("ICP reports", "ICP-Berichte"),
    "ran": (
        "Last run {when} UTC, {n} reports in {secs} s.",
        "Letzter Lauf {when} UTC, {n} Berichte in {secs} s.",
    ),
    "data_line": (
        "Every report read the same data: {file} (changed {modified} UTC, {rows} contacts), "
        "judged as of {as_of}.",
        "Alle Berichte lasen dieselben Daten: {file} (geändert {modified} UTC, {rows} Kontakte), "
        "bewertet zum {as_of}.",
    ),
    "all_ok": ("All reports finished.", "Alle Berichte sind fertig."),
    "some_failed": (
        "{k} of {n} reports failed; their last good version (if any) is still linked.",
        "{k} von {n} Berichten sind fehlgeschlagen; ihre letzte gute Fassung (falls vorhanden) "
        "bleibt verlinkt.",
    ),
    "metric_change": (
        "The success metrics changed since they were locked:",
        "Die Erfolgskennzahlen wurden seit dem Festschreiben geändert:",
    ),
    "not_accepted": (
        "The change is not accepted, so this run counts as failed. If the change is intended, "
        "run: icplab run --accept-metric-change",
        "Die Änderung ist nicht bestätigt, daher gilt dieser Lauf als fehlgeschlagen. Wenn sie "
        "gewollt ist: icplab run --accept-metric-change",
    ),
    "accepted": (
        "The change was accepted for this run and is now the locked definition.",
        "Die Änderung wurde für diesen Lauf bestätigt und ist jetzt festgeschrieben.",
    ),
    "legend": (
        "Thesis and refinement reports judge each rate against its target from its 95 % range "
        "of plausible values: meets target = even the low end reaches the target; misses "
        "target = even the high end stays below; not yet clear = more contacts are needed. "
        "A/B reports answer their own question: clear winner, differences but no single "
        "winner, no clear difference, differs by segment, or nothing to compare.",
        "Thesen- und Verfeinerungsberichte beurteilen jede Quote am Ziel anhand ihres "
        "95-%-Bereichs plausibler Werte: Ziel erreicht = selbst das untere Ende erreicht das "
        "Ziel; Ziel verfehlt = selbst das obere Ende bleibt darunter; noch offen = es braucht "
        "mehr Kontakte. A/B-Berichte beantworten ihre eigene Frage: klarer Sieger, "
        "Unterschiede ohne einzelnen Sieger, kein klarer Unterschied, je nach Segment "
        "verschieden oder nichts zu vergleichen.",
    ),
    "comparisons": (
        "This run makes {m} comparisons in its A/B reports ({reports} reports); {scope}.",
        "Dieser Lauf macht {m} Vergleiche in seinen A/B-Berichten ({reports} Berichte); {scope}.",
    ),
    "scope_table": (
        "each report corrects ({method}) only for its own comparisons, so across the whole run "
        "some 'clear' results can be chance; set [stats] correction_scope = \"run\" to correct "
        "across all of them",
        "jeder Bericht korrigiert ({method}) nur für seine eigenen Vergleiche, über den ganzen "
        "Lauf kann daher ein 'klares' Ergebnis Zufall sein; [stats] correction_scope = \"run\" "
        "korrigiert über alle",
    ),
    "scope_run": (
        "the correction ({method}) runs across all of them, so a 'clear' result is clear "
        "for the whole run",
        "die Korrektur ({method}) läuft über alle, ein 'klares' Ergebnis ist also für den "
        "ganzen Lauf klar",
    ),
    "col_report": ("Report", "Bericht"),
    "col_verdict": ("Result", "Ergebnis"),
    "col_key": ("Key figure", "Kennzahl"),
    "col_time": ("Run time", "Laufzeit"),
    "failed_run": ("failed run (with the error)", "fehlgeschlagener Lauf (mit Fehler)"),
    "last_good": ("last good report", "letzter guter Bericht"),
    "no_output": ("no output", "keine Ausgabe"),
    "not_run": ("not run this time", "diesmal nicht gelaufen"),
    # A/B report (02-ab-test); Markdown fields get md()-escaped labels, plain ones raw labels
    "ab_intro": (
        "**{metric}** by **{factor}**{seg}: {k} levels, {contacts} contacts. Baseline: "
        "**{baseline}** (target {target}).",
        "**{metric}** nach **{factor}**{seg}: {k} Ausprägungen, {contacts} Kontakte. "
        "Vergleichsbasis: **{baseline}** (Ziel {target}).",
    ),
    "ab_within_where": (" within {where}", " innerhalb von {where}"),
    "ab_period": (
        "Data: {contacts} contacts from {file}, first contact between {start} and {end} "
        "({weeks} weeks, about {pace} contacts a week).",
        "Daten: {contacts} Kontakte aus {file}, Erstkontakt zwischen {start} und {end} "
        "({weeks} Wochen, etwa {pace} Kontakte pro Woche).",
    ),
    "ab_period_nodate": (
        "Data: {contacts} contacts from {file} (no send dates, so no period).",
        "Daten: {contacts} Kontakte aus {file} (ohne Versanddaten, daher ohne Zeitraum).",
    ),
    "ab_denominator": (
        "{metric} = {num} / {den}: every rate below counts {den} as its base.",
        "{metric} = {num} / {den}: Basis jeder Quote unten sind {den}.",
    ),
    "ab_fallback": (
        " The log has no column '{wanted}', so {metric} falls back to {den} as its base.",
        " Das Protokoll hat keine Spalte '{wanted}', daher bezieht sich {metric} "
        "ersatzweise auf {den}.",
    ),
    "metric_bases": (
        "Base of each rate: {items}.",
        "Basis jeder Quote: {items}.",
    ),
    "ab_nothing": (
        "Nothing to compare on {metric}: only one level of {factor} has data ({level}).",
        "Nichts zu vergleichen bei {metric}: nur eine Ausprägung von {factor} hat Daten ({level}).",
    ),
    "ab_winner2": (
        "{winner} is the clear winner on {metric}: {rate_w} vs {rate_l} for {loser}, "
        "{diff} percentage points (plausible range {lo} to {hi}), a relative lift of {lift}. "
        "Unlikely to be chance.",
        "{winner} ist bei {metric} klar vorn: {rate_w} gegen {rate_l} für {loser}, {diff} "
        "Prozentpunkte (plausibler Bereich {lo} bis {hi}), relativ {lift}. Kaum Zufall.",
    ),
    "ab_winnerk": (
        "{winner} is the clear winner on {metric} ({rate_w}): it does clearly better than "
        "every other level; the closest is {second} at {rate_2} ({diff} percentage points, "
        "plausible range {lo} to {hi}).",
        "{winner} ist bei {metric} klar vorn ({rate_w}): klar besser als jede andere "
        "Ausprägung; am nächsten kommt {second} mit {rate_2} ({diff} Prozentpunkte, "
        "plausibler Bereich {lo} bis {hi}).",
    ),
    "ab_differences": (
        "Some levels differ clearly on {metric}, but no single one beats all others: "
        "{level} does {better} than {baseline}: {diff} percentage points (plausible range "
        "{lo} to {hi}, relative {lift}).",
        "Einige Ausprägungen unterscheiden sich bei {metric} klar, aber keine schlägt alle "
        "anderen: {level} schneidet {better} ab als {baseline}: {diff} Prozentpunkte "
        "(plausibler Bereich {lo} bis {hi}, relativ {lift}).",
    ),
    "ab_no_difference": (
        "No clear difference on {metric} yet: the largest is {level} vs {baseline} at {diff} "
        "percentage points (plausible range {lo} to {hi}, relative {lift}), which could be "
        "chance.",
        "Noch kein klarer Unterschied bei {metric}: am größten ist {level} gegen {baseline} "
        "mit {diff} Prozentpunkten (plausibler Bereich {lo} bis {hi}, relativ {lift}), das "
        "kann Zufall sein.",
    ),
    "ab_no_difference_multi": (
        "No clear difference on {metric} yet: the largest is {level} vs {baseline} at {diff} "
        "percentage points (relative {lift}). Its own range ({lo} to {hi}) leaves out zero, "
        "but with {k} comparisons on the page one such range is expected by luck; after the "
        "correction for all of them it is not clear.",
        "Noch kein klarer Unterschied bei {metric}: am größten ist {level} gegen {baseline} "
        "mit {diff} Prozentpunkten (relativ {lift}). Sein eigener Bereich ({lo} bis {hi}) "
        "schließt die Null aus, doch bei {k} Vergleichen auf der Seite ist ein solcher "
        "Bereich durch Glück zu erwarten; nach der Korrektur für alle ist er nicht klar.",
    ),
    "better": ("better", "besser"),
    "worse": ("worse", "schlechter"),
    "ab_differs": (
        "There is no single winner on {metric}: the effect of {factor} differs by {within} "
        "({p}). {reco}",
        "Es gibt bei {metric} keinen einzelnen Sieger: die Wirkung von {factor} hängt von "
        "{within} ab ({p}). {reco}",
    ),
    "ab_reco": ("Per {within}: {groups}.", "Je {within}: {groups}."),
    "ab_reco_clear": (
        " Clear inside the segment itself (after correcting for the number of segments): "
        "{clear}; elsewhere the data only leans that way.",
        " Klar schon im Segment selbst (nach Korrektur für die Zahl der Segmente): {clear}; "
        "sonst deuten die Daten nur in diese Richtung.",
    ),
    "ab_reco_none_clear": (
        " No single segment is clear on its own yet; the data leans that way.",
        " Noch ist kein einzelnes Segment für sich klar; die Daten deuten in diese Richtung.",
    ),
    "ab_overall_aside": (
        " Across all contacts {level} looks {better} ({diff} percentage points), but that "
        "average hides the split.",
        " Über alle Kontakte wirkt {level} {better} ({diff} Prozentpunkte), aber dieser "
        "Durchschnitt verdeckt die Aufteilung.",
    ),
    "ab_within_head": ("Inside each {within}", "Innerhalb jeder {within}"),
    "ab_interaction_yes": (
        "The effect of {factor} **differs** by {within} ({p}, test of equal "
        "differences in percentage points, {df} degrees of freedom{adj}): read the segments, not the average.",
        "Die Wirkung von {factor} **unterscheidet sich** je {within} ({p}, Test auf "
        "gleiche Unterschiede in Prozentpunkten, {df} Freiheitsgrade{adj}): maßgeblich sind die Segmente, "
        "nicht der Durchschnitt.",
    ),
    "ab_interaction_no": (
        "No clear sign that the effect of {factor} differs by {within} ({p}, test of equal "
        "differences in percentage points, {df} degrees of freedom{adj}); the overall comparison "
        "applies to all of them.",
        "Kein klares Zeichen, dass die Wirkung von {factor} je {within} verschieden ist ({p}, "
        "Test auf gleiche Unterschiede in Prozentpunkten, {df} Freiheitsgrade{adj}); der "
        "Gesamtvergleich gilt für alle.",
    ),
    "ab_interaction_na": (
        "Whether the effect differs by {within} cannot be tested here: {reason}",
        "Ob die Wirkung je {within} verschieden ist, lässt sich hier nicht testen: {reason}",
    ),
    "ab_na_reason": (
        "that needs at least two {factor} levels in at least two {within} segments with data.",
        "dafür braucht es mindestens zwei Ausprägungen von {factor} in mindestens zwei "
        "Segmenten ({within}) mit Daten.",
    ),
    "ab_interaction_adj": (
        ", adjusted ({method}) for the {m} segment tests",
        ", korrigiert ({method}) für {m} Segment-Tests",
    ),
    "ab_weeks": (
        "Planning: to confirm a difference of {lift} percentage points reliably (80 % power) "
        "needs about {n} contacts per level, {total} in all: about {weeks} weeks of sending "
        "at the current pace.",
        "Planung: um einen Unterschied von {lift} Prozentpunkten sicher zu bestätigen (80 % "
        "Trennschärfe), braucht es etwa {n} Kontakte je Ausprägung, {total} insgesamt: etwa "
        "{weeks} Wochen Versand im jetzigen Tempo.",
    ),
    "ab_weeks_nodate": (
        "Planning: to confirm a difference of {lift} percentage points reliably (80 % power) "
        "needs about {n} contacts per level, {total} in all.",
        "Planung: um einen Unterschied von {lift} Prozentpunkten sicher zu bestätigen (80 % "
        "Trennschärfe), braucht es etwa {n} Kontakte je Ausprägung, {total} insgesamt.",
    ),
    "ab_model_intro": (
        "Binomial GLM (logit link) on the counts, {formula}: each odds ratio is a level's "
        "odds of success relative to the reference level, holding the other columns fixed "
        "(one ratio for all segments; the interaction tests above say whether that is fair).",
        "Binomiales GLM (Logit-Link) auf den Zählungen, {formula}: jedes Odds Ratio ist die "
        "Erfolgschance einer Ausprägung relativ zur Referenz, bei festen übrigen Spalten "
        "(ein Wert für alle Segmente; die Wechselwirkungstests oben sagen, ob das passt).",
    ),
    "ab_srm": (
        "Sample ratio mismatch: the contacts were not split between the {factor} variants as "
        "planned ({p}). The assignment may be broken (e.g. one variant stopped early or sent "
        "to a different list), so treat every difference below with suspicion.",
        "Ungleiche Verteilung (Sample Ratio Mismatch): Die Kontakte wurden nicht wie geplant "
        "auf die Varianten von {factor} verteilt ({p}). Die Zuteilung ist vermutlich "
        "fehlerhaft; alle Unterschiede unten sind mit Vorsicht zu lesen.",
    ),
    "ab_title": ("A/B test: {factor}", "A/B-Test: {factor}"),
    "ab_effects_caption": (
        "'Clear' and the ranges are corrected for looking at {m} segments at once ({method}; "
        "ranges at {conf} % instead of 95 %).",
        "'Klar' und die Bereiche sind dafür korrigiert, dass {m} Segmente zugleich betrachtet "
        "werden ({method}; Bereiche zu {conf} % statt 95 %).",
    ),
    "ab_no_segments": (
        "*(no segment columns in this log)*",
        "*(keine Segmentspalten in diesen Daten)*",
    ),
    "ab_run_scope": (
        "Run-wide correction: p-values adjusted ({method}) across all {m} comparisons of this "
        "run; difference ranges are {conf} % (Bonferroni-level) ranges to match.",
        "Laufweite Korrektur: p-Werte korrigiert ({method}) über alle {m} Vergleiche dieses "
        "Laufs; die Bereiche der Unterschiede sind passend {conf}-%-Bereiche "
        "(Bonferroni-Niveau).",
    ),
    "ab_rates_title": ("{metric} by {factor}", "{metric} nach {factor}"),
    "ab_diff_title": ("Difference to {baseline}", "Unterschied zu {baseline}"),
    "ab_forest_title": (
        "{metric}: {factor} inside each {within}",
        "{metric}: {factor} je {within}",
    ),
    "contacted_words": ("contacted prospects", "kontaktierte Interessenten"),
    "replied_words": ("replies", "Antworten"),
    "meeting_words": ("meetings", "Termine"),
    "qualified_words": ("qualified leads", "qualifizierte Leads"),
    "deal_words": ("deals", "Abschlüsse"),
    "deal_value_words": ("deal value", "Auftragswert"),
    "opened_words": ("opened e-mails", "geöffnete E-Mails"),
    # 01 overview
    "data_sentence": (
        "Data: **{contacts} contacts** from {file}.",
        "Daten: **{contacts} Kontakte** aus {file}.",
    ),
    "overview_title": ("Outreach overview", "Outreach-Überblick"),
    "overview_key": (
        "{metric} {rate} (target {target}), {contacts} contacts",
        "{metric} {rate} (Ziel {target}), {contacts} Kontakte",
    ),
    "funnel_title": ("Outreach funnel", "Outreach-Trichter"),
    "overview_rates_title": ("Each metric against its target", "Jede Kennzahl und ihr Ziel"),
    "over_time_title": ("{metric} over time", "{metric} im Zeitverlauf"),
    # 03 thesis check
    "thesis_intro": (
        "**Thesis {name}:** {statement}\n\nSegment: {segment}; **{contacts} contacts**.",
        "**These {name}:** {statement}\n\nSegment: {segment}; **{contacts} Kontakte**.",
    ),
    "thesis_or": (" or ", " oder "),
    "thesis_pass": (
        "The thesis holds: every metric meets its target.",
        "Die These hält: jede Kennzahl erreicht ihr Ziel.",
    ),
    "thesis_fail": (
        "The thesis does not hold: {failed} misses its target.",
        "Die These hält nicht: {failed} verfehlt das Ziel.",
    ),
    "thesis_fail_many": (
        "The thesis does not hold: {failed} miss their targets.",
        "Die These hält nicht: {failed} verfehlen ihre Ziele.",
    ),
    "thesis_open": (
        "Not yet clear. About {more} more contacts in this segment would settle it with "
        "80 % probability if the rate stays near {rate}.",
        "Noch offen. Etwa {more} weitere Kontakte in diesem Segment würden es mit 80 % "
        "Wahrscheinlichkeit klären, wenn die Quote bei etwa {rate} bleibt.",
    ),
    "thesis_open_unsettled": (
        "Not yet clear, and more contacts at the current rate would not settle it.",
        "Noch offen, und weitere Kontakte bei der jetzigen Quote würden es nicht klären.",
    ),
    "thesis_untested": (
        "Not tested yet: every contact of this segment is still maturing (too recent "
        "for replies and meetings to have come in).",
        "Noch nicht geprüft: Alle Kontakte dieses Segments reifen noch (zu neu, als dass "
        "Antworten und Termine schon da sein könnten).",
    ),
    "thesis_plot_title": ("Thesis {name}", "These {name}"),
    "thesis_title": ("Thesis check: {name}", "Thesen-Check: {name}"),
    # 04 ICP refinement
    "refine_icp": ("ICP: the target is met", "ICP: Ziel erreicht"),
    "refine_candidates": ("Candidates: keep testing", "Kandidaten: weiter testen"),
    "refine_not_icp": ("Not ICP: the target is missed", "Kein ICP: Ziel verfehlt"),
    "refine_untested": ("Untested: too few contacts", "Ungetestet: zu wenige Kontakte"),
    "refine_conclusion": (
        "{icp} cells meet the {metric} target, {candidates} are candidates worth more testing, "
        "{not_icp} miss it and {untested} have too few contacts.",
        "{icp} Zellen erreichen das Ziel ({metric}), {candidates} sind Kandidaten für weitere "
        "Tests, {not_icp} verfehlen es und {untested} haben zu wenige Kontakte.",
    ),
    "refine_heatmap_title": (
        "{metric} per industry and company size",
        "{metric} nach Branche und Unternehmensgröße",
    ),
    "refine_title": ("ICP refinement", "ICP-Verfeinerung"),
    "refine_no_reco": (
        "No message angle or salutation is clearly better in these cells yet.",
        "In diesen Zellen ist noch keine Botschaft oder Ansprache klar besser.",
    ),
    "refine_no_proposal": (
        "No segment meets the target clearly yet, so there is no proposal.",
        "Noch kein Segment erreicht das Ziel eindeutig, daher kein Vorschlag.",
    ),
    "refine_reco": (
        "{best_rate} vs {other_rate} with {other}; {diff} percentage points, plausible range "
        "{lo} to {hi}",
        "{best_rate} gegen {other_rate} mit {other}; {diff} Prozentpunkte, plausibel {lo} bis {hi}",
    ),
    # 05 sample size
    "plan_intro": (
        "Starting from a {metric} of **{rate}**{observed}, a two-variant test that finds a "
        "real difference {power} times out of 100 needs:",
        "Ausgehend von {metric} **{rate}**{observed} braucht ein Test mit zwei Varianten, der "
        "einen echten Unterschied in {power} von 100 Fällen findet:",
    ),
    "plan_observed": (" (observed in the data)", " (in den Daten beobachtet)"),
    "plan_none": ("No valid difference to plan for.", "Kein gültiger Unterschied zum Planen."),
    "plan_conclusion": (
        "To see a difference of {lift} percentage points reliably, plan about {n} contacts "
        "per variant{weeks}; smaller differences need many more.",
        "Um einen Unterschied von {lift} Prozentpunkten sicher zu sehen, planen Sie etwa {n} "
        "Kontakte pro Variante{weeks}; kleinere Unterschiede brauchen deutlich mehr.",
    ),
    "plan_weeks": (
        " (about {weeks} weeks of sending at the current pace)",
        " (etwa {weeks} Wochen Versand im jetzigen Tempo)",
    ),
    "plan_title": ("Sample-size planner", "Stichprobenplanung"),
    # metric-change banner
    "change_head": (
        "The success metrics changed since they were locked.",
        "Die Erfolgskennzahlen wurden seit dem Festschreiben geändert.",
    ),
    "change_tail": (
        "Results are not comparable with earlier reports. Accept the change explicitly "
        "(icplab run --accept-metric-change) once you are sure.",
        "Ergebnisse sind nicht mit früheren Berichten vergleichbar. Bestätigen Sie die "
        "Änderung ausdrücklich (icplab run --accept-metric-change), wenn sie gewollt ist.",
    ),
    # table headers
    "h_level": ("level", "Ausprägung"),
    "h_contacts": ("contacts", "Kontakte"),
    "h_successes": ("successes", "Erfolge"),
    "h_out_of": ("out of", "von"),
    "h_rate": ("rate", "Quote"),
    "h_range": ("plausible range", "plausibler Bereich"),
    "h_diff": ("difference", "Unterschied"),
    "h_lift": ("relative lift", "relative Änderung"),
    "h_prob": ("chance it beats the baseline", "Chance, die Basis zu schlagen"),
    "h_clear": ("clear difference?", "klarer Unterschied?"),
    "h_verdict": ("verdict", "Ergebnis"),
    "h_metric": ("metric", "Kennzahl"),
    "h_target": ("target", "Ziel"),
    "h_more": ("more contacts needed", "weitere Kontakte nötig"),
    "h_segment": ("segment", "Segment"),
    "h_diff_range": ("range of the difference", "Bereich des Unterschieds"),
    "h_better": ("better here", "hier besser"),
    "h_term": ("model term", "Modellterm"),
    "h_or": ("odds ratio", "Odds Ratio"),
    "h_or_range": ("95 % range", "95-%-Bereich"),
    "h_p": ("p-value", "p-Wert"),
    "h_estimate": ("estimate (smoothed)", "Schätzung (geglättet)"),
    "h_plan_lift": ("difference to detect", "zu erkennender Unterschied"),
    "h_plan_rate": ("rate of the better variant", "Quote der besseren Variante"),
    "h_plan_n": ("contacts per variant", "Kontakte pro Variante"),
    "h_plan_total": ("contacts in total", "Kontakte insgesamt"),
    "h_plan_weeks": ("weeks of sending at the current pace", "Wochen Versand im jetzigen Tempo"),
    "base_rate_suffix": (" (baseline)", " (Basis)"),
    "baseline_mark": ("{level} (baseline)", "{level} (Basis)"),
    "yes": ("yes", "ja"),
    "no": ("no", "nein"),
    "none": ("*(none)*", "*(keine)*"),
    # -- many levels: what a plot or table leaves out (icplab.report.tables.top_rows) --
    "levels_shown": (
        "Showing the {shown} {column} levels with most contacts of {total}; the other "
        "{hidden} ({contacts} contacts) are {how}.",
        "Gezeigt: die {shown} Ausprägungen von {column} mit den meisten Kontakten (von "
        "{total}); die übrigen {hidden} ({contacts} Kontakte) sind {how}.",
    ),
    "levels_pooled": ("pooled as 'other'", "als 'übrige' zusammengefasst"),
    "levels_not_drawn": ("not drawn", "nicht gezeichnet"),
    "levels_not_listed": (
        "not listed here (the statistics cover all of them)",
        "hier nicht aufgeführt (die Statistik umfasst alle)",
    ),
    "rows_shown": (
        "Showing the {shown} rows with most contacts of {total}; the other {hidden} "
        "({contacts} contacts) are not listed here (the statistics cover all of them).",
        "Gezeigt: die {shown} Zeilen mit den meisten Kontakten (von {total}); die übrigen "
        "{hidden} ({contacts} Kontakte) sind hier nicht aufgeführt (die Statistik umfasst alle).",
    ),
    "rows_shown_first": (
        "Showing the first {shown} of {total} rows; the other {hidden} are not listed here.",
        "Gezeigt: die ersten {shown} von {total} Zeilen; die übrigen {hidden} sind hier "
        "nicht aufgeführt.",
    ),
    "other_levels": ("other ({k} levels)", "übrige ({k} Ausprägungen)"),
}

#: German text of every English label the figures use (English text is the key).
PLOT_GERMAN: dict[str, str] = {
    "meets target": "Ziel erreicht",
    "misses target": "Ziel verfehlt",
    "not yet clear": "noch offen",
    "too few contacts": "zu wenige Kontakte",
    "below target so far": "bisher unter dem Ziel",
    "target": "Ziel",
    "Contacted": "Kontaktiert",
    "Replied": "Geantwortet",
    "Meeting": "Termin",
    "Qualified": "Qualifiziert",
    "Deal": "Abschluss",
    "prospects": "Interessenten",
    "in brackets: share of the previous step": "in Klammern: Anteil der vorherigen Stufe",
    "No contacts in the data, so there is no funnel to show.": "Keine Kontakte in den Daten, daher kein Trichter.",
    "rate (bar: 95 % range of plausible values)": "Quote (Balken: 95-%-Bereich plausibler Werte)",
    "No groups with contacts, so there are no rates to show.": "Keine Gruppen mit Kontakten, daher keine Quoten.",
    "Only one group: there is nothing to compare it with.": "Nur eine Gruppe: es gibt nichts zu vergleichen.",
    "no difference": "kein Unterschied",
    "clear difference (*)": "klarer Unterschied (*)",
    "could be chance": "kann Zufall sein",
    "the baseline": "der Vergleichsbasis",
    "difference to {base} (percentage points)": "Unterschied zu {base} (Prozentpunkte)",
    "pts": "Pkt.",
    "No segments with contacts, so there is no map to show.": "Keine Segmente mit Kontakten, daher keine Karte.",
    "no data": "keine Daten",
    "rate": "Quote",
    "rate (dashed line: target {target})": "Quote (gestrichelt: Ziel {target})",
    "industry": "Branche",
    "size band": "Größenklasse",
    "size_band": "Größenklasse",
    "salutation": "Ansprache",
    "messaging": "Botschaft",
    "campaign": "Kampagne",
    "No send dates (sent_at) in the data, so there is no timeline to show.": "Keine Versanddaten (sent_at) in den Daten, daher kein Zeitverlauf.",
    "95 % range (all so far)": "95-%-Bereich (alle bisher)",
    "rate of all contacts so far": "Quote aller bisherigen Kontakte",
    "single week": "einzelne Woche",
    "rate (all contacts so far)": "Quote (alle bisherigen Kontakte)",
    "week of first contact": "Woche des Erstkontakts",
    "still maturing (not counted yet)": "reift noch (zählt noch nicht)",
    "{level} vs {base}: difference in each {within} (percentage points)": "{level} gegen {base}: Unterschied je {within} (Prozentpunkte)",
    "all contacts": "alle Kontakte",
    "No segment has both levels, so there is nothing to compare.": "Kein Segment hat beide Ausprägungen, daher gibt es nichts zu vergleichen.",
    "better for {level}": "besser für {level}",
}

#: Column names in words (what a founder reads instead of ``size_band``).
COLUMN_WORDS: dict[str, tuple[str, str]] = {
    "industry": ("industry", "Branche"),
    "size_band": ("company size", "Unternehmensgröße"),
    "salutation": ("salutation", "Ansprache"),
    "messaging": ("message", "Botschaft"),
    "campaign": ("campaign", "Kampagne"),
    "size band": ("company size", "Unternehmensgröße"),
    "region": ("region", "Region"),
    "channel": ("channel", "Kanal"),
    "employees": ("employees", "Mitarbeiter"),
    "month": ("month", "Monat"),
    "rejection_reason": ("rejection reason", "Ablehnungsgrund"),
    "reply_class": ("reply class", "Antwortart"),
}


def change_lines(description: str, language: str = "en") -> str:
    """The metric lock's description of a change (English, from :mod:`icplab.icp.lock`) for
    a page in ``language``: whole in English; in another language only its list of changed
    values (``- reply_rate.target: 0.15 -> 0.1``), which names keys and numbers, not words
    (the page says the rest in its own language).

    Examples
    --------
    >>> d = "The metrics changed (x):\\n  - reply_rate.target: 0.15 -> 0.1\\nAccept it."
    >>> change_lines(d, "de")
    '- reply_rate.target: 0,15 -> 0,1'
    """
    if language == "en":
        return description
    items = [line.strip() for line in description.splitlines() if line.strip().startswith("- ")]
    return "\n".join(
        re.sub(r"\d+\.\d+", lambda m: localise(m.group(0), language), i) for i in items
    )


def tr(en: str, de: str, language: str = "en") -> str:
    """The English or German text, by ``language``."""
    return de if language == "de" else en


def word(key: str, language: str = "en", **fmt: Any) -> str:
    """The text ``key`` of :data:`TEXT` in ``language``, formatted with ``fmt``."""
    en, de = TEXT[key]
    text = de if language == "de" else en
    return text.format(**fmt) if fmt else text


def verdict_word(verdict: str, language: str = "en") -> str:
    """The verdict in words (``pass`` -> ``meets target`` / ``Ziel erreicht``)."""
    return VERDICT_TEXT.get(language, VERDICT_TEXT["en"]).get(verdict, verdict)


def answer_word(kind: str, language: str = "en", level: str = "") -> str:
    """An A/B badge in words (``winner`` -> ``clear winner: du``); ``level`` is not escaped."""
    text = ANSWER_TEXT.get(language, ANSWER_TEXT["en"]).get(kind, kind)
    return text.replace("{level}", level)


def plot_word(text: str, language: str = "en") -> str:
    """A figure label in ``language`` (English text is the key; unknown text stays)."""
    return PLOT_GERMAN.get(text, text) if language == "de" else text


def column_word(column: str, language: str = "en") -> str:
    """A column name in words (``size_band`` -> ``company size``)."""
    pair = COLUMN_WORDS.get(column)
    if pair is None:
        return column.replace("_", " ")
    return pair[1] if language == "de" else pair[0]


#: German names of the default metrics (used while a metric keeps its default label).
METRIC_GERMAN: dict[str, tuple[str, str]] = {
    "reply_rate": ("Reply rate", "Antwortquote"),
    "meeting_rate": ("Meeting rate", "Terminquote"),
    "deal_rate": ("Deal rate", "Abschlussquote"),
    "value_per_contact": ("Value per contact", "Wert pro Kontakt"),
}


def metric_word(name: str, title: str, language: str = "en") -> str:
    """A metric's name in ``language``: the German word for a default metric whose label
    was not changed, else the configured label.

    Examples
    --------
    >>> metric_word("reply_rate", "Reply rate", "de"), metric_word("x", "X rate", "de")
    ('Antwortquote', 'X rate')
    """
    pair = METRIC_GERMAN.get(name)
    if language == "de" and pair is not None and title == pair[0]:
        return pair[1]
    return title


def count_word(column: str, language: str = "en") -> str:
    """A count column in words (``qualified`` -> ``qualified leads``)."""
    key = f"{column}_words"
    return word(key, language) if key in TEXT else column.replace("_", " ")


def bases_text(used: list[tuple[Any, str]], language: str = "en") -> str:
    """The denominator each metric actually used, in words (CONTRACT section 2), with a
    sentence for every metric that fell back (deal_rate on meetings without ``qualified``).

    ``used``: ``(metric, denominator column)`` pairs (a :class:`icplab.core.metrics.Metric`).

    Examples
    --------
    >>> from icplab.core.metrics import DEFAULT_METRICS as M
    >>> print(bases_text([(M["reply_rate"], "contacted"), (M["deal_rate"], "meeting")]))
    Base of each rate: Reply rate = replies / contacted prospects; Deal rate = deals / meetings. The log has no column 'qualified', so Deal rate falls back to meetings as its base.
    """
    if not used:
        return ""
    items = "; ".join(
        f"{md(metric_word(m.name, m.title, language))} = {count_word(m.numerator, language)}"
        f" / {count_word(den, language)}"
        for m, den in used
    )
    out = word("metric_bases", language, items=items)
    for m, den in used:
        if den and den != m.denominator:
            out += word(
                "ab_fallback",
                language,
                wanted=md(m.denominator),
                metric=md(metric_word(m.name, m.title, language)),
                den=count_word(den, language),
            )
    return out


def date(value: Any, language: str = "en") -> str:
    """A date as ``12 Jan 2026`` / ``12.01.2026``."""
    return messages.day(value, language)


def recommendation_lines(recs: list[dict[str, Any]], language: str = "en") -> list[str]:
    """One plain line per refinement cell where a variant is clearly better (Markdown-safe).

    Examples
    --------
    >>> line, = recommendation_lines([{"cell": {"industry": "IT", "size_band": "50-199"},
    ...     "best": "du", "other": "sie", "best_rate": 0.287, "other_rate": 0.165,
    ...     "diff": 0.122, "diff_ci_low": 0.074, "diff_ci_high": 0.169, "significant": True}],
    ...     "de")
    >>> print(line)
    IT 50\\-199: du (28,7 % gegen 16,5 % mit sie; +12,2 Prozentpunkte, plausibel +7,4 bis +16,9)
    """
    by_cell: dict[tuple, list[dict[str, Any]]] = {}
    for r in recs:
        if r.get("significant"):
            by_cell.setdefault(tuple(r["cell"].values()), []).append(r)
    lines = []
    for cell, rs in by_cell.items():
        best = " + ".join(md(r["best"]) for r in rs)
        ev = "; ".join(
            word(
                "refine_reco",
                language,
                best_rate=pct(r["best_rate"], language),
                other_rate=pct(r["other_rate"], language),
                other=md(r["other"]),
                diff=signed(r["diff"], language),
                lo=signed(r["diff_ci_low"], language),
                hi=signed(r["diff_ci_high"], language),
            )
            for r in rs
        )
        lines.append(f"{' '.join(md(c) for c in cell)}: {best} ({ev})")
    return lines


def note(text: str, language: str = "en") -> str:
    """A note of the statistics layers in ``language``, from the message catalogue.

    Notes are :class:`icplab.core.notes.Note` objects (a code and its parameters); any
    other text is shown as it is (no translation of prose).

    Examples
    --------
    >>> from icplab.core.notes import Note
    >>> note(Note("compare.fisher", levels=("Handel",)), "de")
    'Exakter Fisher-Test für Handel (kleine Zahlen).'
    """
    return messages.render(text, language)
