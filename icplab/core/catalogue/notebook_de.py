"""German headings, narrative and table labels of the report notebooks.

The codes and fields of ``notebook_en.py``; numbers arrive already formatted by
``p.num``, so they keep German forms (``1.000``).
"""

MESSAGES: dict[str, str] = {
    # 01 (01-overview.ipynb)
    "report.nb.01.intro": (
        "# Outreach-Überblick\n"
        "\n"
        "Wie der Outreach bisher lief: wie viele Interessenten jede Stufe des Trichters erreicht\n"
        "haben, wie jede Erfolgskennzahl zu ihrem Ziel steht und wie sich die Quoten Woche für Woche\n"
        "entwickelt haben."
    ),
    "report.nb.01.funnel_head": (
        "## Trichter\n"
        "\n"
        "Jeder Balken ist eine Stufe des Trichters. Die Beschriftung zeigt, wie viele Interessenten\n"
        "sie erreicht haben und welcher Anteil der vorherigen Stufe das ist."
    ),
    "report.nb.01.metrics_head": "## Jede Kennzahl gegen ihr Ziel",
    "report.nb.01.over_time_head": (
        "## Quoten im Zeitverlauf\n"
        "\n"
        "Die Linie ist die Quote aller Kontakte bis zu dieser Woche; sie beruhigt sich, je mehr "
        "Daten\n"
        "hinzukommen. Hohle Punkte sind einzelne Wochen. Grau schraffierte Wochen reifen noch: Ihre "
        "Antworten und Termine sind noch nicht alle da, daher zählen sie noch nicht (das ist kein "
        "Einbruch)."
    ),
    # 02 (02-ab-test.ipynb)
    "report.nb.02.intro": (
        "# A/B-Test\n"
        "\n"
        "Vergleicht die Ausprägungen eines Faktors (zum Beispiel *Du* gegen *Sie* oder zwei\n"
        "Botschaften) bei einer Erfolgskennzahl: die Quote jeder Ausprägung mit ihrem Bereich\n"
        "plausibler Werte, den Unterschied zur Vergleichsbasis und ob dieser Unterschied klar ist\n"
        "oder Zufall sein kann."
    ),
    "report.nb.02.rates_head": "## Quote je Ausprägung",
    "report.nb.02.diff_head": (
        "## Unterschiede zur Vergleichsbasis\n"
        "\n"
        "Ein mit `*` markierter Unterschied ist *klar*: er bleibt signifikant, auch nach der\n"
        "Korrektur für die Zahl der Vergleiche (er ist also kaum Zufall). Hohle Punkte können gut\n"
        "Zufall sein."
    ),
    "report.nb.02.segments_head": (
        "## Innerhalb jeder Branche und Unternehmensgröße\n"
        "\n"
        "Derselbe Vergleich in jedem Segment, mit seinem Bereich plausibler Werte. Wenn die Wirkung\n"
        "zwischen Segmenten verschieden ist, kann der Gesamtdurchschnitt für einen Teil des Marktes\n"
        "in die falsche Richtung zeigen: dann gelten die Segmente, nicht der Durchschnitt."
    ),
    "report.nb.02.quality_head": (
        "## Qualität der Antworten\n"
        "\n"
        "Nicht jede Antwort ist ein guter Lead: neben der Antwortquote der Anteil der Kontakte,\n"
        'die positiv oder mit "jetzt nicht" geantwortet haben (aus der Spalte `reply_class`, wenn\n'
        "das Protokoll sie hat)."
    ),
    "report.nb.02.no_reply_class": "*(keine Spalte reply_class in diesem Protokoll)*",
    "report.nb.02.model_head": (
        "## Für Analysten: das Modell\n"
        "\n"
        "Ein binomiales GLM (logistische Regression auf den Zählungen) der Kennzahl auf den Faktor\n"
        "und die Segmentspalten, als Odds Ratios mit 95-%-Bereichen. Die Wechselwirkungstests oben\n"
        "vergleichen dieses Modell mit einem, in dem die Wirkung des Faktors je Segment verschieden\n"
        "sein darf (Likelihood-Ratio-Test)."
    ),
    # 03 (03-thesis-check.ipynb)
    "report.nb.03.intro": (
        "# ICP-Thesen-Check\n"
        "\n"
        "Prüft eine ICP-These aus `icplab.toml` (ein benanntes Segment, z. B. *Logistik-Unternehmen\n"
        "mit 50-199 Mitarbeitern*) gegen jede festgelegte Erfolgskennzahl."
    ),
    "report.nb.03.metrics_head": "## Ergebnis je Kennzahl",
    # 04 (04-icp-refinement.ipynb)
    "report.nb.04.intro": (
        "# ICP-Verfeinerung\n"
        "\n"
        "Welche Zellen aus Branche x Unternehmensgröße erreichen das Ziel? Jede Zelle landet in "
        "einer\n"
        "Liste: **ICP** (die Daten zeigen, dass das Ziel erreicht wird), **Kandidaten** (noch offen,\n"
        "könnte das Ziel erreichen: dort weiter testen), **kein ICP** (die Daten zeigen, dass das "
        "Ziel\n"
        "verfehlt wird) und **ungetestet** (zu wenige Kontakte für eine Aussage). Kleine Zellen "
        "werden\n"
        "zur Gesamtquote hin gezogen (*Schätzung*), damit eine glückliche Woche ein Segment nicht\n"
        "besser aussehen lässt, als es ist."
    ),
    "report.nb.04.lists_head": "## Die vier Listen",
    "report.nb.04.reco_head": (
        "## Beste Botschaft und Ansprache\n"
        "\n"
        "In den ICP- und Kandidaten-Zellen: wo eine Botschaft oder Ansprache klar besser ist (ein "
        "Unterschied,\n"
        "der kaum Zufall ist, korrigiert für das Testen vieler Zellen), nutzen Sie sie."
    ),
    "report.nb.04.proposal_head": (
        "## Vorgeschlagene These\n"
        "\n"
        "Übernehmen Sie diesen Abschnitt in `icplab.toml`, um den vorgeschlagenen ICP in künftigen\n"
        "Läufen zu prüfen."
    ),
    # 05 (05-sample-size.ipynb)
    "report.nb.05.intro": (
        "# Stichprobenplanung\n"
        "\n"
        "Wie viele Kontakte braucht ein A/B-Test pro Variante, um einen bestimmten Unterschied in\n"
        "einer Quote zu erkennen? Und wie viele weitere Kontakte würden die Kennzahlen klären, die\n"
        "noch *offen* sind?"
    ),
    "report.nb.05.settle_head": (
        "## Weitere Kontakte, um offene Kennzahlen zu klären\n"
        "\n"
        "Für jede Kennzahl über alle Kontakte: ihr Ergebnis und ungefähr wie viele weitere Kontakte\n"
        "ein *noch offen* in ein klares *Ziel erreicht* oder *Ziel verfehlt* verwandeln würden."
    ),
    # 06 (06-funnel-value.ipynb)
    "report.nb.06.intro": (
        "# Funnel und Wert\n"
        "\n"
        "Wo verliert jedes Segment seine Interessenten, und welche Segmente bringen am meisten\n"
        "Umsatz? Jede Stufe wird mit ihrer eigenen Basis gezeigt (Antworten von Kontakten, Termine\n"
        "von Antworten, qualifizierte Leads von Terminen, Abschlüsse von qualifizierten Leads), im\n"
        "Vergleich mit den Richtwerten des Vertriebs-Playbooks (SQL zu Kunde typisch 15-25 %, die\n"
        "ganze Pipeline vom Termin bis zum Abschluss 20-30 %). Danach Wert pro Kontakt und\n"
        "durchschnittlicher Auftragswert je Segment, und das ICP nach Antwortquote neben dem ICP\n"
        "nach Umsatz."
    ),
    "report.nb.06.funnel_head": "## Der Funnel Stufe für Stufe",
    "report.nb.06.leaks_head": "## Wo jedes Segment am meisten verliert",
    "report.nb.06.no_leaks": "Kein Segment fällt auf einer Stufe klar zurück.",
    "report.nb.06.value_head": (
        "## Wert je Segment\n"
        "\n"
        "Wert pro Kontakt: alle Auftragswerte eines Segments geteilt durch seine Kontakte; der\n"
        "plausible Bereich stammt aus einem Modell für überwiegend leere, schiefe Beträge (wenige\n"
        'Abschlüsse, einige große). "offen" heißt: weniger als drei Abschlüsse, das obere Ende ist\n'
        "noch unbekannt."
    ),
    "report.nb.06.no_deal_values": (
        "Das Protokoll hat keine Auftragswerte (Spalte deal_value, zeilenweise)."
    ),
    "report.nb.06.value_title": "Wert pro Kontakt (EUR), höchste Zellen",
    "report.nb.06.icp_head": "## ICP nach Antwortquote und nach Umsatz",
    "report.nb.06.candidate": "Kandidat",
    "report.nb.06.not_icp": "kein ICP",
    "report.nb.06.untested": "ungetestet",
    "report.nb.06.no_costs": (
        "Tragen Sie `[costs]` in icplab.toml ein, um CAC, LTV:CAC und Amortisation je Segment zu "
        "sehen."
    ),
    # 07 (07-closed-loop.ipynb)
    "report.nb.07.intro": (
        "# Ablehnungsgründe (geschlossener Kreis)\n"
        "\n"
        "Warum lehnt der Vertrieb die Leads aus dem Outreach ab? Ein abgelehnter Lead ist ein\n"
        "Termin, aus dem kein qualifizierter Lead wurde (oder, ohne Spalte für qualifiziert, ein\n"
        "Termin ohne Abschluss). Die Gründe werden je Segment und je Monat verglichen; ein\n"
        "Chi-Quadrat-Test zeigt, ob sie sich stärker unterscheiden, als Zufall erklärt."
    ),
    "report.nb.07.segments_head": "## Gründe je Segment",
    "report.nb.07.reasons_title": "Ablehnungsgründe je Segment",
    "report.nb.07.months_head": "## Gründe je Monat",
    "report.nb.07.no_dates": "Keine Daten (sent_at) im Protokoll, daher keine Monatsansicht.",
    # 08 (08-next-batch.ipynb)
    "report.nb.08.intro": (
        "# Wohin die nächsten Kontakte gehen\n"
        "\n"
        "Sie können nächste Woche weitere Personen anschreiben. Aus welchen Branchen und\n"
        "Unternehmensgrößen sollten sie kommen, damit jede Zelle so schnell wie möglich gegen das "
        "Ziel\n"
        "entschieden ist? Zellen, die schon **entschieden** sind (klar über oder unter dem Ziel, "
        "oder so\n"
        "nah daran, dass der Unterschied keine Rolle spielt), bekommen **keine** neuen Kontakte; die "
        "noch\n"
        "**offenen** Zellen teilen sich den Batch. Kürzlich angeschriebene Kontakte, deren Antworten\n"
        "noch kommen, zählen als unterwegs, nicht als Misserfolge."
    ),
    "report.nb.08.lines_head": "## Die Aufteilung, Zeile für Zeile",
    "report.nb.08.split_head": (
        "## Wie die Kontakte aufgeteilt werden\n"
        "\n"
        "Der Bereich jeder Zelle ist der plausible Bereich ihrer Quote nach der Statistik des\n"
        "Arbeitsbereichs (immer gültig bei `[stats] sequential = true`, also nach jeder Welle erneut\n"
        "prüfbar). Der Batch geht nur an offene Zellen; eine Zelle genau am Ziel lässt sich erst "
        "nach\n"
        "vielen Kontakten als *am Ziel* entscheiden, sie bekommt daher weniger, bis die anderen\n"
        "entschieden sind. Mit `variants` werden die Kontakte jeder Zelle so geteilt, dass die\n"
        "Varianten ausgeglichen bleiben. Methode und Simulationen: `docs/next-batch.md`."
    ),
    # 09 (09-sales-cycle.ipynb)
    "report.nb.09.intro": (
        "# Verkaufszyklus\n"
        "\n"
        "Wie lange dauert es vom Erstkontakt bis zur Antwort, zum Termin, zum qualifizierten Lead "
        "und\n"
        "zum Abschluss, je Segment, und welcher Anteil kommt innerhalb des Zeitraums dorthin? "
        "Kontakte,\n"
        "die eine Stufe noch nicht erreicht haben, werden weder weggelassen noch als Misserfolg\n"
        "gezählt: Sie zählen für die Tage, die sie beobachtet wurden (Kaplan-Meier). So werden\n"
        "langsame Segmente nach ihrer Eignung beurteilt, nicht nach ihrem Tempo."
    ),
    "report.nb.09.curves_head": "## Anteil je Stufe, nach Tagen seit dem Erstkontakt",
    "report.nb.09.horizon_head": "## Innerhalb des Zeitraums",
    "report.nb.09.medians_head": "## Median der Zykluslänge",
    "report.nb.09.medians_text": (
        "Der Median der Tage seit dem Erstkontakt unter den Kontakten, die die Stufe erreicht haben."
    ),
    "report.nb.09.replies_head": "## Antworten nach Nachricht der Sequenz",
    "report.nb.09.first_touch": (
        "Das Antwortquoten-Ziel des Playbooks gilt für die erste E-Mail: `reply_rate_first_touch` "
        "zählt nur Antworten auf Nachricht 1."
    ),
    "report.nb.09.no_reply_step": (
        "Das Protokoll hat keine Spalte reply_step (welche Nachricht beantwortet wurde)."
    ),
    "report.nb.09.opens_head": "## Öffnungen (nur als Hinweis)",
    "report.nb.09.no_costs": (
        "Tragen Sie `[costs]` in icplab.toml ein (Kosten pro Kontakt je Kanal, feste monatliche "
        "Tool-Kosten, Bruttomarge, Umsatzmonate), um CAC, LTV:CAC und Amortisation je Segment zu "
        "sehen."
    ),
    # the same words in several notebooks
    "report.nb.shared.how_to_read": (
        '<div class="icp-muted">\n'
        "\n"
        "**So lesen Sie die Ergebnisse.** Jede Quote hat einen 95-%-Bereich plausibler Werte (der\n"
        "Balken in den Grafiken). *Ziel erreicht*: selbst das untere Ende dieses Bereichs erreicht "
        "das\n"
        "Ziel. *Ziel verfehlt*: selbst das obere Ende bleibt darunter. *Noch offen*: das Ziel liegt\n"
        "im Bereich, es braucht mehr Kontakte für eine Entscheidung.\n"
        "\n"
        "</div>"
    ),
    "report.nb.shared.costs_head": "## Was ein Kunde kostet",
    # table column labels
    "report.nb.col.by_reply": "nach Antwortquote",
    "report.nb.col.by_value": "nach Wert pro Kontakt",
    "report.nb.col.cac_range": "CAC-Bereich",
    "report.nb.col.cell": "Zelle",
    "report.nb.col.contacts": "Kontakte",
    "report.nb.col.deals": "Abschlüsse",
    "report.nb.col.industry": "Branche",
    "report.nb.col.level": "Ausprägung",
    "report.nb.col.ltv_cac_range": "LTV:CAC-Bereich",
    "report.nb.col.mean_deal_value": "durchschn. Auftragswert",
    "report.nb.col.message": "Nachricht",
    "report.nb.col.observed": "{days}+ Tage beobachtet",
    "report.nb.col.open_rate": "Öffnungsrate",
    "report.nb.col.payback": "Amortisation",
    "report.nb.col.plausible_range": "plausibler Bereich",
    "report.nb.col.positive_reply_rate": "positive Antwortquote",
    "report.nb.col.positive_share": "positiv unter Antworten",
    "report.nb.col.range_95": "plausibler Bereich (95 %)",
    "report.nb.col.reached": "bisher erreicht",
    "report.nb.col.replies": "Antworten",
    "report.nb.col.reply_rate": "Antwortquote",
    "report.nb.col.segment": "Segment",
    "report.nb.col.share_of_replies": "Anteil an Antworten",
    "report.nb.col.share_within": "Anteil in {days} Tagen",
    "report.nb.col.size_band": "Unternehmensgröße",
    "report.nb.col.step": "Stufe",
    "report.nb.col.value_estimate": "Wert pro Kontakt (geglättet)",
    "report.nb.col.value_per_contact": "Wert pro Kontakt",
    "report.nb.col.vs_benchmark": "ggü. 3:1",
    "report.nb.col.why": "warum",
}
