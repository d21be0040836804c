"""Deutsche Sätze der Seiten Funnel (06), geschlossener Kreis (07), nächster Batch (08) und
Verkaufszyklus (09) sowie der Kostentabelle (06, 09) (Code -> ``str.format``-Vorlage).

Die Codes beginnen mit ``report.page.<Seite>.``; Zahlen, Prozente, Beträge und Daten kommen
schon in deutscher Schreibweise hinein.
"""

MESSAGES: dict[str, str] = {
    # 06 Funnel und Wert
    "report.page.funnel.title": "Funnel und Wert",
    "report.page.funnel.all": "alle",
    "report.page.funnel.intro": "Gezählt: alle {contacts} Kontakte, insgesamt und je {column}. "
    "\u2193 / \u2191: klar unter / über dem Richtwert.",
    "report.page.funnel.leak_below_band": "{rate}, unter dem Richtwert (ab {reference})",
    "report.page.funnel.leak_relative": "{rate} gegenüber {reference} insgesamt",
    "report.page.funnel.target_report": "das Ziel des Berichts",
    "report.page.funnel.target_workspace": "das Ziel des Arbeitsbereichs",
    "report.page.funnel.target_average": "der Durchschnitt aller Kontakte (kein Wertziel gesetzt)",
    "report.page.funnel.value_icp": "Wert-ICP: Zellen, die klar mindestens {target} pro Kontakt "
    "bringen ({source}).",
    "report.page.funnel.value_too_few": "Wert-ICP: zu wenige Daten, um die Zellen nach Wert zu "
    "beurteilen.",
    "report.page.funnel.window": "{step} {days} Tage",
    "report.page.funnel.windows": "jede Stufe zählt Kontakte, die älter sind als ihr Zeitfenster: "
    "{windows}",
    "report.page.funnel.no_cell": "noch keine Zelle",
    "report.page.funnel.no_value": "ICP nach Antwortquote: {by_reply}. Das Protokoll hat keine "
    "Spalte deal_value; nach Umsatz lässt sich das ICP noch nicht beurteilen.",
    "report.page.funnel.no_value_yet": "ICP nach Antwortquote: {by_reply}. Noch kein Abschluss hat "
    "einen Wert über 0, und kein Wertziel ist gesetzt; nach Umsatz lässt sich das ICP noch nicht "
    "beurteilen.",
    "report.page.funnel.few_deals": "; noch keine Zelle hat {need} Abschlüsse (die meisten: "
    "{cell} mit {deals}), zu wenige, um eine Zelle mit dem höchsten Wert zu nennen",
    "report.page.funnel.no_deals": "; noch keine Zelle hat einen Abschluss, daher lässt sich "
    "keine Zelle mit dem höchsten Wert nennen",
    "report.page.funnel.agree": "Beide stimmen überein.",
    "report.page.funnel.only_reply": "nur nach Antworten: {cells}",
    "report.page.funnel.only_value": "nur nach Umsatz: {cells}",
    "report.page.funnel.differ": "Sie unterscheiden sich: {parts}.",
    "report.page.funnel.conclusion": "ICP nach Antwortquote: {by_reply}. ICP nach Wert pro "
    "Kontakt (mindestens {target}): {by_value}. {diff}",
    "report.page.funnel.cell_deals": "{cell} ({deals} Abschlüsse)",
    "report.page.funnel.top_value": "; höchster Wert pro Kontakt nach Beleglage (mindestens {low}, "
    "untere Grenze des plausiblen Bereichs, Zellen mit mindestens {need} Abschlüssen): {cells}",
    "report.page.funnel.top_value_tie": "; höchster Wert pro Kontakt nach Beleglage (mindestens "
    "{low}, untere Grenze des plausiblen Bereichs, Zellen mit mindestens {need} Abschlüssen): "
    "Gleichstand zwischen {cells}",
    # 07 geschlossener Kreis
    "report.page.closed_loop.title": "Ablehnungsgründe (geschlossener Kreis)",
    "report.page.closed_loop.window_qualified": "ein Termin zählt als abgelehnt, sobald die "
    "Entscheidung fällig ist, 90 Tage nach dem Erstkontakt",
    "report.page.closed_loop.window_deal": "ein Termin zählt als abgelehnt, sobald die "
    "Entscheidung fällig ist, 90 Tage nach dem Erstkontakt",
    "report.page.closed_loop.one_look": " Die p-Werte des Chi-Quadrat-Tests gelten für einen "
    "einzigen Blick auf die Daten: Wird dieser Bericht täglich geöffnet, ist ein einzelner "
    "kleiner p-Wert ein Hinweis, kein Beweis.",
    "report.page.closed_loop.top_reason": "Häufigster Grund: {reason} ({count} von {total} "
    "abgelehnten Leads mit Grund).",
    "report.page.closed_loop.no_reason": "Noch kein abgelehnter Lead hat einen Grund.",
    "report.page.closed_loop.between_levels": "zwischen den Ausprägungen von {column}",
    "report.page.closed_loop.between_months": "zwischen den Monaten",
    "report.page.closed_loop.too_few": "Zu wenige abgelehnte Leads mit Grund, um {what} zu "
    "vergleichen.",
    "report.page.closed_loop.differ": "Die Gründe unterscheiden sich klar {what} "
    "(Chi-Quadrat-Test, {p_value}).",
    "report.page.closed_loop.no_difference": "Kein klarer Unterschied bei den Gründen {what} "
    "(Chi-Quadrat-Test, {p_value}; kann Zufall sein).",
    "report.page.closed_loop.intro": "Ein abgelehnter Lead ist hier ein {rejected_as}; "
    "{rejected} in diesem Protokoll. Die Gründe je Segment und Monat zu prüfen schließt den "
    "Kreis zwischen Vertrieb und Outreach.",
    # 02 A/B-Test: Qualität der Antworten (closed_loop.py)
    "report.page.reply_quality.also_leads": "{level} liegt auch bei positiven Antworten vorn "
    "({rate} der Kontakte).",
    "report.page.reply_quality.careful": "Vorsicht: {most} bekommt die meisten Antworten "
    "({reply_rate}), aber {best} die meisten positiven ({positive_rate}).",
    # CAC, LTV:CAC und Amortisation (06, 09)
    "report.page.cost.open": "offen",
    "report.page.cost.unbounded": "unbegrenzt (keine Kosten)",
    "report.page.cost.vs.above": "über 3:1",
    "report.page.cost.vs.below": "unter 3:1",
    "report.page.cost.vs.open": "offen",
    "report.page.cost.months": "{months} Monate",
    "report.page.cost.note": "CAC: Kosten der Kontakte eines Segments (je Kanal, plus ihr Anteil "
    "an den festen Tool-Kosten) geteilt durch seine Abschlüsse. LTV: durchschnittlicher "
    "Auftragswert x Bruttomarge x Monate, die ein Kunde zahlt. Die Bereiche stammen aus der "
    "Unsicherheit der Zahl der Abschlüsse (95 %); der Auftragswert gilt als bekannt. Richtwert: "
    "Ein Kunde sollte mindestens das Dreifache seiner Kosten einbringen (3:1).",
    # 08 nächster Batch
    "report.page.next.title": "Wohin die nächsten Kontakte gehen",
    "report.page.next.column.cell": "Zelle",
    "report.page.next.column.contacts": "nächste Kontakte",
    "report.page.next.column.status": "Status",
    "report.page.next.column.counted": "gezählte Kontakte",
    "report.page.next.column.maturing": "reifen noch",
    "report.page.next.column.rate": "Quote",
    "report.page.next.column.range": "plausibler Bereich",
    "report.page.next.all_settled": "Jede Zelle ist gegen das Ziel von {target} entschieden: für "
    "den ICP sind keine weiteren Kontakte nötig.",
    "report.page.next.to_one": "die eine Zelle, die gegen das Ziel von {target} noch offen ist",
    "report.page.next.to_all": "die {open} Zellen, die gegen das Ziel von {target} noch offen sind",
    "report.page.next.to_some": "{getting} der {open} Zellen, die gegen das Ziel von {target} noch offen sind",
    "report.page.next.settled_none": "",
    "report.page.next.settled_one": "; 1 entschiedene Zelle bekommt keine",
    "report.page.next.settled_many": "; {settled} entschiedene Zellen bekommen keine",
    "report.page.next.conclusion": "Schicken Sie die nächsten {contacts} Kontakte an {to}{settled}. Die "
    "meisten gehen an {top} ({top_contacts}).",
    "report.page.next.window": "{metric}: Kontakte zählen {days} Tage nach dem Erstkontakt",
    "report.page.next.more_lines": "... und {rest} weitere Zeilen (Abbildung und Liste zeigen "
    "die {shown} mit den meisten Kontakten; die Tabelle zeigt alle)",
    "report.page.next.axis": "{metric}: plausibler Bereich, Ziel {target} ± Toleranz (grau)",
    # 09 Verkaufszyklus
    "report.page.cycle.title": "Verkaufszyklus",
    "report.page.cycle.days": "{days} Tage",
    "report.page.cycle.not_estimable": "noch nicht schätzbar",
    "report.page.cycle.intro": "Wie lange dauert es vom Erstkontakt bis zur Antwort, zum Termin, "
    "zum qualifizierten Lead und zum Abschluss, und wie viele erreichen das innerhalb von "
    "{horizon} Tagen, je {column}? Kontakte, die eine Stufe noch nicht erreicht haben, zählen "
    "für die Tage, die sie beobachtet wurden (Kaplan-Meier). So wird eine junge Kampagne oder "
    "ein langsames Segment nicht mit einem schlechten verwechselt.",
    "report.page.cycle.honesty": "Stand: **{day}**. Die Bänder sind 95-%-Intervalle (log-log "
    "Greenwood). Wo spät im Zyklus nur noch wenige Kontakte beobachtet werden, wird das Band "
    "breiter: Das rechte Ende der Kurve beruht auf weniger Kontakten.",
    "report.page.cycle.no_dates": "Das Protokoll enthält keine Daten zu den Stufen (sent_at und "
    "replied_at, meeting_at, qualified_at oder deal_at): Der Verkaufszyklus kann nicht gezeigt "
    "werden.",
    "report.page.cycle.median_one": "Zeit bis {step} (Median): {days} ({level}).",
    "report.page.cycle.median_two": "Zeit bis {step} (Median): {fast_days} bei {fast}, "
    "{slow_days} bei {slow}. Langsame Segmente nach ihrem Zyklus beurteilen, nicht nach einem "
    "kurzen festen Fenster.",
    "report.page.cycle.median_one_few": "Zeit bis {step} (Median): {days} ({level}), aus nur {n} "
    "Kontakt(en), die so weit kamen: zu wenige, um sich schon darauf zu verlassen.",
    "report.page.cycle.median_two_few": "Zeit bis {step} (Median): {fast_days} bei {fast}, "
    "{slow_days} bei {slow}, aus nur {fast_n} bzw. {slow_n} Kontakt(en), die so weit kamen: zu "
    "wenige, um das Tempo der Segmente schon zu vergleichen.",
    "report.page.cycle.x_axis": "Tage seit dem Erstkontakt",
    "report.page.cycle.opens": "Öffnungen sind nur ein Hinweis, nie ein Ziel: Der "
    "E-Mail-Datenschutz von Apple Mail (Mail Privacy Protection) lädt die Bilder jeder E-Mail "
    "vorab, daher werden viele Öffnungen gezählt, die niemand vorgenommen hat.",
}
