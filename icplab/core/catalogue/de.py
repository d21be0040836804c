"""German messages of the statistics and ICP layers (code -> ``str.format`` template)."""

MESSAGES: dict[str, str] = {
    "den.contacted": "Kontakte",
    "den.replied": "Antworten",
    "den.meeting": "Termine",
    "den.qualified": "qualifizierte Leads",
    "den.deal": "Abschlüsse",
    "metric.fallback": "{metric} nutzt {used:den} als Basis: das Protokoll hat keine Spalte "
    "{wanted}.",
    "maturing.metric": "{maturing} Kontakte aus den {window} Tagen vor dem {as_of:date} reifen "
    "noch und zählen bei {metric} noch nicht mit.",
    "maturing.check": "{metric}: {maturing} Kontakte der letzten {window} Tage reifen noch und "
    "zählen noch nicht mit ({counted} gezählt).",
    "compare.baseline_empty": "Die Vergleichsbasis '{baseline}' hat keine {denom:den}, daher "
    "lässt sich keine Ausprägung mit ihr vergleichen; wählen Sie eine andere --baseline.",
    "compare.empty_levels": "Keine Basis ({denom:den}) in {levels:list}: Quote und Vergleich "
    "bleiben dort leer.",
    "compare.one_level": "Nur eine Ausprägung von '{by}' ({base}) hat Daten: es gibt nichts "
    "zu vergleichen.",
    "compare.sequential": "Sequenzieller Modus: Bereiche und p-Werte der Unterschiede sind "
    "jederzeit gültig (asymptotische Konfidenzsequenz, abgestimmt auf {tuning:,g} Kontakte, "
    "die Varianz jeder Gruppe begrenzt durch ihr 95-%-Wilson-Intervall), tägliches "
    "Nachsehen ist also unbedenklich.",
    "compare.fisher": "Exakter Fisher-Test für {levels:list} (kleine Zahlen).",
    "compare.segment": "{by} = {level}: {note}",
    "within.dropped_within": "Nicht im Wechselwirkungstest: {within} = {levels:list} (eine "
    "Ausprägung von {factor} hat dort keine Daten, oder es gibt keine Erfolge bzw. keine "
    "Misserfolge).",
    "within.dropped_factor": "Nicht im Wechselwirkungstest: {factor} = {levels:list} (keine "
    "Daten, oder keine Erfolge bzw. keine Misserfolge).",
    "within.sequential": "Sequenzieller Modus: der p-Wert der Wechselwirkung ist jederzeit "
    "gültig (Gauß-Mischungs-Sequenz auf der Likelihood-Ratio-Statistik), nächtliches "
    "Wiederholen ist also unbedenklich.",
    "within.untestable": "Der Wechselwirkungstest braucht mindestens zwei Ausprägungen von "
    "{factor} in mindestens zwei Ausprägungen von {within} mit Daten; hier ist er nicht "
    "möglich.",
    "within.baseline_missing": "Die Vergleichsbasis '{baseline}' hat in {within} = {level} "
    "keine Kontakte; verglichen wird dort mit der Ausprägung mit den meisten Kontakten.",
    "check.left_out": "{metric} nicht bewertet: {error}",
    "check.late": "{metric}: {late} {numerator} kamen mehr als {window} Tage nach dem "
    "Erstkontakt und zählen nicht (außerhalb des Fensters).",
    "check.no_denominator": "{metric}: noch keine {denom:den} in diesem Segment, daher keine "
    "Quote und keine Schätzung der nötigen Kontakte.",
    "check.rate_at_target": "{metric}: die beobachtete Quote liegt genau auf dem Ziel; mehr "
    "Kontakte allein würden das nicht entscheiden, daher keine Schätzung.",
    "check.per_contact": "{metric}: die nötigen Kontakte setzen wie beobachtet {ratio:.3f} "
    "{denom:den} pro Kontakt voraus.",
    "value.no_sequential": "{metric} ist eine Wertkennzahl: jederzeit gültige (sequenzielle) "
    "Bereiche gibt es dafür nicht; ihr Bereich gilt für einen festen Zeitpunkt.",
    "value.no_sequential_cells": "{metric} ist eine Wertkennzahl: jederzeit gültige "
    "(sequenzielle) Bereiche gibt es dafür nicht; die Bereiche der Zellen gelten für einen "
    "festen Zeitpunkt.",
    "value.few_nonzero_check": "{metric}: weniger als drei Kontakte mit {numerator} > 0, daher "
    "ist die Streuung der Werte unbekannt und der Bereich hat noch kein oberes Ende.",
    "value.method_compare": "{title}: mittlerer Wert ({numerator}) pro {denominator:den}; "
    "Bereiche aus einem zweiteiligen (Hürden-)Modell auf Log-Skala, Unterschiede per "
    "Welch-t-Test.",
    "value.method_refine": "{title}: mittlerer Wert ({numerator}) pro {denominator:den}; "
    "Bereiche der Zellen aus einem zweiteiligen (Hürden-)Modell auf Log-Skala, Schätzungen "
    "per Normal-Normal-Empirical-Bayes-Glättung.",
    "value.few_nonzero": "Weniger als drei Kontakte mit {numerator} > 0 in {levels:list}: der "
    "Bereich hat dort kein oberes Ende.",
    "value.one_level": "Nur eine Ausprägung von '{by}' hat Daten: es gibt nichts zu vergleichen.",
    "refine.own_evidence": "Jede Zelle wird nach ihren eigenen Zahlen beurteilt: exakte "
    "(Clopper-Pearson-)Grenzen der Zahlen jeder Zelle; jede Seite auf dem einseitigen Niveau "
    "alpha * 1/2 / R, R = die Zellen, deren Schätzung auf dieser Seite des Ziels liegt "
    "(selektives Bonferroni, Zhao, Small & Su 2019), so zeigen höchstens alpha der Kampagnen "
    "bei einem Blick eine falsche ICP- (oder Nicht-ICP-)Zelle. Die geglättete Schätzung "
    "ordnet die Zellen nur.",
    "refine.below_so_far": "{cells} Zellen liegen bisher unter dem Ziel; ohne Versanddaten "
    "können neuere Kontakte noch antworten, daher bleiben sie offen (Kandidaten), nicht "
    "Nicht-ICP.",
    "refine.sequential": "Sequenzieller Modus: die Grenzen der Zellen sind jederzeit gültige "
    "Konfidenzsequenzen, aufgeteilt auf {cells} Zellen (Bonferroni), nächtliches Wiederholen "
    "erzeugt also keine falschen ICP-Zellen.",
    "pooling.near_complete": "die Zellen ähneln sich: fast vollständige Glättung",
    "srm.not_assigned": "'{factor}' wird nicht zufällig zugeteilt, daher wurde die Aufteilung "
    "nicht geprüft (Anteile unter [split.{factor}] in icplab.toml eintragen, um sie zu "
    "prüfen).",
    "srm.few_levels": "weniger als zwei Ausprägungen: keine Aufteilung zu prüfen.",
    "srm.plan_equal": "einer gleichmäßigen Aufteilung",
    "srm.plan_declared": "der geplanten Aufteilung",
    "srm.mismatch": "UNGLEICHE VERTEILUNG: Die Kontakte je Ausprägung von {factor} weichen "
    "stark von {plan} ab (Chi-Quadrat p = {p:.2g}). Prüfen Sie die Zuteilung, bevor Sie "
    "einem Unterschied trauen.",
    "srm.fits": "Die Kontakte je Ausprägung von {factor} passen zu {plan} (Chi-Quadrat "
    "p = {p:.2g}).",
    "model.pooled_levels": "{factor}: {levels} Ausprägungen; die {limit} mit den meisten "
    "Kontakten werden einzeln modelliert, die übrigen {rest} ({contacts} Kontakte) zu einer "
    "Ausprägung '{pooled}' zusammengefasst.",
    "model.separation": "{factor} = {levels:list}: keine Erfolge oder keine Misserfolge "
    "(Separation); nicht im Modell",
    "model.one_level": "{factor}: weniger als zwei Ausprägungen mit Daten; nicht im Modell",
    "model.interaction_left_out": "{a} x {b}: einige Zellen sind leer oder ohne Erfolge; "
    "Wechselwirkung nicht im Modell",
    "model.huge_se": "einige Standardfehler sind riesig (Quasi-Separation): diese Odds Ratios "
    "sind unzuverlässig",
    "funnel.missing_steps": "Keine Spalte {missing:list}: ausgelassen; der nächste Schritt "
    "zählt vom letzten vorhandenen aus ({present:arrows}).",
    "funnel.unvalued_deal": "1 gewonnener Abschluss im Protokoll hat keinen deal_value: "
    "Wert pro Kontakt und mittlerer Auftragswert zählen ihn mit 0 €.",
    "funnel.unvalued_deals": "{n} gewonnene Abschlüsse im Protokoll haben keinen deal_value: "
    "Wert pro Kontakt und mittlerer Auftragswert zählen sie mit 0 €.",
    "funnel.no_deal_column": "Keine Spalte deal: der mittlere Auftragswert bezieht sich auf "
    "Kontakte mit deal_value > 0.",
    "step.replied": "Antwort",
    "step.meeting": "Termin",
    "step.qualified": "qualifiziert",
    "step.deal": "Abschluss",
    "step.deal_value": "Auftragswert",
    "step.pipeline": "Pipeline (Termin bis Abschluss)",
    "funnel.window": "{step:step} {days} Tage",
    "funnel.maturing": "Zum {as_of:date} reifen {maturing} neue Kontakte noch: jeder Schritt "
    "zählt nur die Kontakte, die älter als sein Fenster sind ({windows:list}).",
    "funnel.band": "{step:step} {lo:.0%}-{hi:.0%}",
    "funnel.bands_default": "Richtwerte aus der Praxis",
    "funnel.bands": "Vergleichsbereiche ({source}): {bands:list}.",
    "plan.no_deals": "Noch keine Abschlüsse in diesem Segment: die Punktschätzung ist "
    "unbeschränkt (leer); der Bereich stammt allein aus der Vorannahme und ist sehr breit.",
    "plan.no_mature_deals": "Noch keine Abschlüsse unter den Kontakten, die alt genug für das "
    "Abschlussfenster sind: die Punktschätzung ist unbeschränkt (leer); der Bereich stammt "
    "allein aus der Vorannahme und ist sehr breit.",
    "plan.no_qualified": "Keine Spalte qualified: Lead -> qualifiziert und qualifiziert -> "
    "Abschluss sind unbekannt.",
    "period.week": "Woche",
    "period.month": "Monat",
    "period.quarter": "Quartal",
    "period.year": "Jahr",
    "plan.chance": "Etwa {contacts:,.0f} Kontakte geben eine Chance von 80 % auf mindestens "
    "{deals} Abschlüsse pro {per:period}, wenn die Quoten nahe den heutigen bleiben (mit der "
    "Schwankung von Monat zu Monat, die das Log zeigt).",
    "plan.chance_flat": "Etwa {contacts:,.0f} Kontakte geben eine Chance von 80 % auf "
    "mindestens {deals} Abschlüsse pro {per:period}, wenn die Quoten nahe den heutigen bleiben "
    "(keine Schwankung von Monat zu Monat über den Zufall hinaus gemessen).",
    "plan.maturing": "Zum {as_of:date} reifen {maturing} neue Kontakte noch: jede Stufenquote "
    "zählt nur die Kontakte, die älter als ihr Fenster sind.",
    "reasons.rule_qualified": "Termin, der nicht qualifiziert wurde",
    "reasons.rule_no_qualified": "Termin ohne Abschluss (keine Spalte qualified)",
    "reasons.rule": "Abgelehnter Lead: ein {rule}.",
    "reasons.maturing": "Zum {as_of:date} bleiben {maturing} neue Kontakte außen vor: ihre "
    "Entscheidung steht noch aus ({decision:step} zählt {window} Tage nach dem Erstkontakt), "
    "ein offener Termin gilt also nicht als abgelehnt.",
    "reasons.no_reason": "{missing} abgelehnte Leads ohne Grund: nicht berücksichtigt.",
    "reasons.rough": "Mehr als 20 % der erwarteten Anzahlen liegen unter 5: der p-Wert des "
    "Chi-Quadrat-Tests ist hier nur ein grober Anhaltspunkt.",
    "reasons.no_test": "Weniger als zwei Ausprägungen oder zwei Gründe mit Anzahlen: kein Test.",
    # disclosure (CONTRACT sections 2-4)
    "disclosure.maturity_unknown": "Reife unbekannt: die Daten haben kein sent_at, daher lassen sich neue Kontakte, die "
    "noch antworten können, nicht erkennen; ein Ergebnis unter dem Ziel ist nur bisher unter "
    "dem Ziel, nie endgültig.",
    "disclosure.undated": "{undated} Kontakte haben kein Versanddatum (sent_at): sie zählen mit, aber ob "
    "sie schon Zeit zum Antworten hatten, lässt sich nicht prüfen; ihr Anteil an jedem Ergebnis ist "
    "daher nicht endgültig.",
    "disclosure.as_of_undated": "jeder Kontakt mit Versanddatum ist ausgereift (gezählt); {undated} ohne "
    "Versanddatum zählen so, wie sie sind.",
    "disclosure.late_successes": "Späte Erfolge lassen sich für {columns:list} nicht ausschließen (keine passende "
    "*_at-Spalte): ein Erfolg nach dem Reifefenster zählt trotzdem mit.",
    "disclosure.after_as_of": "WARNUNG: Stichtag (as_of) {as_of:date} liegt vor dem neuesten Kontakt: {after} "
    "danach gesendete Kontakte bleiben unberücksichtigt.",
    "disclosure.after_as_of_undated": "WARNUNG: der Stichtag (as_of) liegt vor dem neuesten Kontakt: {after} danach "
    "gesendete Kontakte bleiben unberücksichtigt.",
    "disclosure.fixed": "Inferenz mit festem Horizont: gültig für einen Blick auf die Daten. Wer bei neuen "
    "Daten erneut prüft, nutzt --sequential (oder [stats] sequential = true in icplab.toml).",
    "disclosure.sequential": "Jederzeit gültige Inferenz (Konfidenzsequenzen): tägliches Nachprüfen bei neuen Daten "
    "ist unbedenklich.",
    # contacts left out for a blank value (CONTRACT section 1)
    "blank.contacts": "{n:,} Kontakte ohne {what}",
    "blank.contact": "{n:,} Kontakt ohne {what}",
    "blank.left_out": "{blanks:items}: hier nicht bewertet (in jeder Summe gezählt).",
    "blank.other": "Wert in {column}",
    "blank.industry": "Branche",
    "blank.size_band": "Unternehmensgröße",
    "blank.messaging": "Botschaft",
    "blank.salutation": "Ansprache",
    "blank.region": "Region",
    "blank.channel": "Kanal",
    "blank.campaign": "Kampagne",
    # factors nested in others (CONTRACT section 6); factor names ({x:factor})
    "nesting.confounded_a": "{factor} ist mit {other} vermengt: jede Ausprägung von {factor:factor} kommt nur in "
    "einer {other:factor} vor, ein Unterschied zwischen ihnen ist also von einem Unterschied "
    "der {other:factor} nicht zu trennen.",
    "nesting.confounded_an": "{factor} ist mit {other} vermengt: jede Ausprägung von {factor:factor} kommt nur in "
    "einer {other:factor} vor, ein Unterschied zwischen ihnen ist also von einem Unterschied "
    "der {other:factor} nicht zu trennen.",
    "factor.industry": "Branche",
    "factor.size_band": "Größenklasse",
    "factor.region": "Region",
    "factor.messaging": "Botschaft",
    "factor.salutation": "Ansprache",
    "factor.channel": "Kanal",
    "factor.campaign": "Kampagne",
    # merged spellings of a level
    "labels.merged": "{n} Schreibweisen von {level} zusammengeführt",
    "labels.merged_column": "{column}: {parts:items}",
    # sales cycle (Kaplan-Meier / Aalen-Johansen)
    "cycle.bad_step": "--step '{step}': Verwenden Sie eines von {steps:list}.",
    "cycle.bad_competing": "--competing {competing}: Nur 'lost' ist ein konkurrierendes Ergebnis, und nur bei --step deal (ein verlorener Deal beendet die Chance auf einen gewonnenen).",
    "cycle.bad_horizon": "--horizon '{horizon}': Geben Sie eine ganze Zahl von Tagen > 0 an, z. B. 180.",
    "cycle.needs_columns": "cycle --step {step} braucht die Spalte(n) {columns:list} (die Daten {dates:list}). Nehmen Sie sie in den Export auf (oder ordnen Sie sie unter [columns] in icplab.toml zu); aggregierte Zahlen enthalten keine Daten.",
    "cycle.date_of.first_touch": "des Erstkontakts",
    "cycle.date_of.lost": "verlorener Deals",
    "cycle.date_of.replied": "der Antwort",
    "cycle.date_of.meeting": "des Termins",
    "cycle.date_of.qualified": "der Qualifizierung",
    "cycle.date_of.deal": "des Abschlusses",
    "cycle.after_as_of": "{later} nach dem {as_of:date} gesendete Kontakte zählen nicht mit.",
    "cycle.reason_count": "{n} {reason}",
    "cycle.no_date": "ohne Datum",
    "cycle.date_before_sent": "mit {date_col} vor sent_at",
    "cycle.no_sent_at": "ohne sent_at",
    "cycle.left_out": "Nicht berücksichtigt: {reasons:list} (Zeilen mit {step:step} = ja, aber ohne "
    "{date_col}, lassen sich zeitlich nicht einordnen).",
    "cycle.left_out_plain": "Nicht berücksichtigt: {reasons:list}.",
    "cycle.zero_events": "In {levels:list} hat noch kein Kontakt den Schritt {step:step} erreicht: der "
    "Schätzwert ist 0, und das Intervall reicht von 0 bis zur exakten Grenze (Clopper-Pearson) über "
    "die Kontakte, die über den ganzen Horizont beobachtet wurden.",
    "cycle.zero_events_all": "Noch kein Kontakt hat den Schritt {step:step} erreicht: der Schätzwert ist 0, "
    "und das Intervall reicht von 0 bis zur exakten Grenze (Clopper-Pearson) über die Kontakte, die über "
    "den ganzen Horizont beobachtet wurden.",
    "cycle.out_of_order": "{n} Kontakt(e) erreichten {step:step} vor einer früheren Stufe "
    "({columns:list}): ihre Daten verletzen die Reihenfolge im Trichter und werden so gemessen, wie "
    "sie sind; bitte den Export prüfen.",
    "cycle.short": "Kein Kontakt in {levels:list} wurde {horizon} Tage lang beobachtet: der Schätzwert dort "
    "ist der Wert bei der längsten Beobachtungsdauer, keine Messung am Horizont.",
    "cycle.window_part": "{segment} {days} Tage",
    "cycle.window_table": "{metric} zählt jedes Segment in seinem eigenen Fenster: {parts:list}, alle anderen "
    "{window} Tage.",
    "cycle.horizon": "{metric} wird auf der Uhr des Zyklus bewertet: der Kaplan-Meier-Anteil, der "
    "{numerator} binnen {days} Tagen nach dem ersten Kontakt erreicht (junge Kontakte zählen "
    "für die beobachteten Tage), als effektive Zahlen (Schätzwert x effektive Stichprobengröße "
    "aus der Greenwood-Varianz).",
    # next batch
    "next.per_unit": "{metric} wird je {used} gezählt, nicht je Kontakt: die Zellen werden in "
    "{used}-Einheiten beurteilt und gewichtet; eine Zelle, die wenige Kontakte in {used} "
    "verwandelt, braucht mehr Kontakte, als ihr Anteil nahelegt.",
    "next.maturity_unknown": "Die Daten haben keine Versanddaten (sent_at), kein Kontakt ist also nachweislich "
    "ausgereift: die Status behandeln die Zahlen als endgültig, und eine Zelle unter dem Ziel "
    "liegt bisher darunter, nicht endgültig.",
    "next.maturing": "{maturing} Kontakte aus den {window} Tagen vor dem {as_of:date} reifen noch: sie zählen "
    "als unterwegs (ihre Antworten kommen noch), nicht als Misserfolge.",
    "next.all_settled": "Alle {cells} Zellen sind entschieden: es braucht keine weiteren Kontakte, also wird "
    "nichts verteilt (unallocated = alle).",
    "next.fixed": "Statistik für einen einzigen Blick: nach jeder Welle neu geprüfte Status sind nicht "
    "jederzeit gültig; [stats] sequential = true liefert Entscheidungen, die auch bei "
    "wiederholtem Nachsehen ehrlich bleiben.",
    # costs, interaction in points, below target so far
    "costs.maturing": "{maturing} Kontakte aus dem Abschlussfenster vor dem {as_of:date} zählen noch nicht "
    "mit (weder ihre Kosten noch ihre Abschlüsse).",
    "costs.no_deal_value": "Keine Spalte deal_value: LTV, LTV:CAC und Amortisation lassen sich nicht berechnen.",
    "costs.fixed": "Feste Toolkosten von {monthly:,.0f} EUR im Monat über {months:.1f} Monate, gleichmäßig "
    "auf alle Kontakte verteilt.",
    "within.additive_excluded": "Nicht im Test auf Unterschiede in Prozentpunkten: {within} = {levels:list} (eine "
    "Zelle mit weniger als {min_n} {denom:den}).",
    "check.below_so_far": "{metric}: bisher unter dem Ziel ({s} von {n}); ohne Versanddaten können neue Kontakte "
    "noch antworten, das ist also kein endgültiges Verfehlen.",
    # sales-cycle page
    "cycle.no_dated": "{step:step}: kein Kontakt mit sent_at-Datum in der Auswahl, daher lässt sich der "
    "Zyklus nicht schätzen.",
    "cycle.step_failed": "{step:step}: nicht schätzbar ({error})",
    "cycle.not_estimable": "{step:step}: der Zyklus lässt sich hier nicht schätzen.",
    "cycle.step_note": "{step:step}: {note}",
    # next batch: one line per allocation row
    "next.line": "{label}: {amount}, {what}",
    "next.contacts": "{n:,} Kontakte",
    "next.one_contact": "1 Kontakt",
    "next.open": "noch offen bei {lo}-{hi} %",
    "next.open_wave_small": "noch offen bei {lo}-{hi} %; diese Welle ist zu klein für jede offene Zelle",
    "next.wave_small": "Die Welle von {contacts} Kontakten ist kleiner als die {open_cells} offenen Zellen: eine "
    "Zelle mit 0 ist noch offen und braucht in einer späteren Welle Kontakte.",
    "next.open_none": "noch offen bei {lo}-{hi} %, hat aber schon einen großen Anteil der Kontakte",
    "next.open_new": "noch offen (noch keine Kontakte)",
    "next.open_maturing": "noch offen (alle Kontakte reifen noch)",
    "next.settled_above": "über dem Ziel entschieden",
    "next.settled_below": "unter dem Ziel entschieden",
    "next.settled_below_so_far": "bisher unter dem Ziel (Zahlen als endgültig behandelt)",
    "next.within_tolerance": "innerhalb der Toleranz um das Ziel ({lo}-{hi} %)",
    "by.no_column": "{doing} nach '{by}' nicht möglich: Diese Spalte gibt es nicht. Vorhanden: "
    "{columns}.",
    "by.doing.funnel": "Trichter",
    "by.doing.cycle": "Verkaufszyklus",
    "by.doing.reasons": "Ablehnungsgründe",
    "compare.summary.metric": "{metric:metric}",
    "compare.summary.no_data": "keine Ausprägung außer der Referenz hat Daten.",
    "compare.summary.nothing": "Nichts zu vergleichen bei {label}: {why}",
    "compare.summary.same_rate": "jede Ausprägung liegt bisher bei {rate:.1f} %, nichts unterscheidet sie.",
    "compare.summary.after": " nach {method}",
    "compare.summary.pp": "{d:+.1f} Pp.",
    "compare.summary.ci": "[{lo:.1f}, {hi:.1f}]",
    "compare.summary.eur": "{sign}{amount:,.0f} €",
    "compare.summary.eur_ci": "[{lo:,.0f} €, {hi:,.0f} €]",
    "compare.summary.beats": "{level} liegt bei {label} vor {baseline}: {diff} {ci}, "
    "signifikant{corr}",
    "compare.summary.trails": "{level} liegt bei {label} hinter {baseline}: {diff} {ci}, "
    "signifikant{corr}",
    "compare.summary.no_clear": "Kein klarer Unterschied zu {baseline} bei {label}: das "
    "stärkste Signal ist {level} mit {diff} {ci}, nicht signifikant{corr} (kann Zufall sein)",
    "compare.summary.several": "; {n} Ausprägungen unterscheiden sich signifikant",
    "compare.summary.sequential": "; jederzeit gültige sequenzielle p-Werte",
    "compare.summary.sentence": "{main}{several}{how}.",
    "compare.summary.differs": "Der Unterschied in Punkten bei {by} hängt von {within} ab (p = "
    "{p:.2g}), daher gibt es keinen einzelnen Gewinner: {per}. Insgesamt: {overall}",
    "metric_word.reply_rate": "Antwortquote",
    "metric_word.positive_reply_rate": "Quote positiver Antworten",
    "metric_word.meeting_rate": "Terminquote",
    "metric_word.deal_rate": "Abschlussquote",
    "metric_word.value_per_contact": "Wert pro Kontakt",
    "assign.bad_variants": "--variants {text!r}: Schreiben Sie SPALTE=A,B mit mindestens zwei verschiedenen Varianten, z. B. --variants messaging=zeitersparnis,fehlerrate.",
    "assign.bad_ratio": "--ratio {text!r}: Geben Sie {k} ganze Zahlen >= 1 an, getrennt durch ':', eine je Variante, z. B. {example}.",
    "assign.not_found": "{path}: Datei nicht gefunden. Prüfen Sie den Pfad.",
    "assign.no_column": "--by {col}: Die Kontaktliste hat keine solche Spalte. Ihre Spaltenköpfe: {headers:list}.",
    "assign.no_band_column": "--by {col}: Die Kontaktliste hat keine solche Spalte (und keine Spalte employees, aus der sie sich ableiten ließe). Ihre Spaltenköpfe: {headers:list}.",
    "assign.bad_sizes": "employees: Zeile(n) {rows} enthalten keine Mitarbeiterzahl >= 1 und keinen Bereich (z. B. 120, 2.000, 51-200, 10000+). Korrigieren Sie die Zellen oder lassen Sie sie leer.",
    "assign.outside_ranges": "employees: Zeile {row} enthält eine Mitarbeiterzahl, die in keinem Bereich der Datei liegt ({ranges:list}). Legen Sie Grenzen unter [size_bands] in icplab.toml fest oder korrigieren Sie die Zelle.",
    "assign.straddles": "employees: Der Bereich in Zeile(n) {rows} überspannt die Größenklassen {low} und {high}. Legen Sie Grenzen unter [size_bands] fest, die zu den Bereichen des Exports passen, oder korrigieren Sie die Zellen.",
    "assign.no_rows": "{source}: Die Kontaktliste hat keine Zeilen; es gibt nichts zuzuordnen.",
    "assign.bad_toml": "{path}: kein gültiges TOML ({reason}); korrigieren Sie es vor dem Zuordnen.",
    "lock.unreadable": "{path}: {what} ist nicht lesbar ({reason}). Stellen Sie {name} aus der Versionsverwaltung wieder her, oder löschen Sie die Datei und führen Sie 'icplab lock --accept' aus, um die aktuellen Kennzahlen festzuschreiben.",
    "lock.cannot_write": "{path}: Die Kennzahlen-Sperre lässt sich nicht schreiben ({reason}).",
    "lock.cannot_write_record": "{path}: Der Nachweis der Kennzahlen-Sperre lässt sich nicht schreiben ({reason}).",
    "lock.what.file": "die Datei der Kennzahlen-Sperre",
    "lock.what.record": "der Nachweis der letzten Kennzahlen-Sperre",
    "compare.unknown_metric": "Unbekannte Kennzahl '{metric}'; bekannte Kennzahlen: {known:list}. Legen Sie neue unter [metrics.NAME] in icplab.toml an.",
    "compare.needs_data": "compare braucht ein OutreachData (icplab.data.load.load) oder einen DataFrame.",
    "compare.no_contacted": "Die Tabelle hat keine Spalte 'contacted'; übergeben Sie ein geladenes Outreach-Protokoll (icplab.data.load.load) oder eine Zähltabelle aus icplab.data.counts.counts.",
    "compare.by_rejection_reason": "compare --by rejection_reason hat nichts zu vergleichen: Einen Ablehnungsgrund gibt es nur bei abgelehnten Leads, daher ist jede Quote danach leer. Tabellieren Sie die Gründe mit 'icplab reasons DATA --by industry' (oder --by size_band, channel, month).",
    "compare.no_by_column": "Vergleich nach '{by}' nicht möglich: Diese Spalte gibt es nicht. Vorhanden: {columns:list}.",
    "compare.no_match": "Kein Kontakt passt zu den --where-Filtern: {why} Lockern Sie die Filter oder korrigieren Sie die Namen der Ausprägungen.",
    "compare.all_maturing": "Jeder Kontakt hier wurde in den letzten {window} Tagen gesendet und reift für {metric} noch (Stand {as_of:date}); noch lässt sich nichts vergleichen (ungetestet). Sehen Sie später wieder nach, oder geben Sie ein früheres --as-of an.",
    "compare.within_mean": "--within gilt für Quoten; {metric} ist eine Wertkennzahl. Vergleichen Sie sie stattdessen je Segment mit --where.",
    "within.same_as_factor": "--within {within}: Wählen Sie eine andere Spalte als den verglichenen Faktor '{factor}'.",
    "within.no_column": "Vergleich innerhalb von '{within}' nicht möglich: Diese Spalte gibt es nicht. Vorhanden: {columns:list}.",
    "compare.no_columns": "Diese Spalte gibt es nicht: {missing:list}. Vorhanden: {columns:list}.",
    "compare.bad_alpha": "alpha muss zwischen 0 und 1 liegen, angegeben: {alpha}.",
    "compare.no_denominator": "{metric}: Keine Ausprägung hat {denom:den} (die Basis), daher gibt es keine Quote zu vergleichen. Wählen Sie eine andere Kennzahl oder weiten Sie die --where-Filter aus.",
    "compare.bad_baseline": "Die Vergleichsbasis '{baseline}' ist hier keine Ausprägung von '{by}'; Ausprägungen: {levels:list}.",
    "costs.not_configured": "CAC und LTV:CAC brauchen [costs] in icplab.toml, z. B. per_contact = {{ email = 0.5, linkedin = 2.5 }}, monthly_fixed = 450, gross_margin = 0.8, ltv_months = 24.",
    "costs.no_deal": "CAC braucht eine Spalte deal (1/0), aber die Daten haben keine.",
    "costs.no_by_column": "Kosten nach '{by}' nicht darstellbar: Diese Spalte gibt es nicht.",
    "cycle.no_sent_at_selected": "Kein Kontakt mit sent_at-Datum in der Auswahl: Der Zyklus bis zum Schritt {step:step} lässt sich nicht schätzen. Prüfen Sie die Spalte sent_at und die --where-Filter.",
    "funnel.needs_data": "funnel braucht einen Pfad, ein OutreachData oder einen pandas-DataFrame.",
    "where.no_match": "Kein Kontakt passt zu den --where-Filtern; lockern Sie sie oder prüfen Sie die Namen der Ausprägungen.",
    "next.mean_metric": "{metric} ist eine Wertkennzahl (ein Mittelwert): Die Planung der nächsten Welle arbeitet mit Quoten. Verwenden Sie --metric reply_rate, meeting_rate oder deal_rate.",
    "next.bad_contacts": "--contacts {contacts}: Geben Sie eine ganze Zahl von Kontakten an, mindestens 1.",
    "next.bad_tolerance": "--tolerance {tolerance}: Geben Sie eine Quote zwischen 0 und 1 an, z. B. 0,02.",
    "next.variants_in_by": "--variants {variants} steht auch in --by; nennen Sie die Spalte nur in einer der beiden Optionen.",
    "next.no_column": "Planung nach {names} nicht möglich: Diese Spalte gibt es in {source} nicht. Prüfen Sie --by / --variants.",
    "next.no_contacts": "{source}: Keine Kontakte in diesem Segment, es gibt nichts zu planen.",
    "plan.bad_deals": "--deals muss eine Zahl von Abschlüssen > 0 sein, angegeben: {deals}.",
    "plan.bad_per": "--per muss eines von {periods:list} sein, angegeben: '{per}'.",
    "plan.no_deal": "plan braucht eine Spalte 'deal' (1, wenn der Interessent Kunde wurde): Ohne Abschlüsse gibt es keine Quote, von der aus sich planen ließe. Nehmen Sie sie in den Export auf.",
    "reasons.no_meeting": "reasons braucht eine Spalte 'meeting'.",
    "reasons.no_decision": "reasons braucht eine Spalte 'qualified' oder 'deal', um abgelehnte Leads (ein Termin, aus dem kein qualifizierter Lead wurde) von angenommenen zu unterscheiden.",
    "reasons.no_column": "Die Daten haben keine Spalte rejection_reason (deutsch: Ablehnungsgrund). Ergänzen Sie eine mit dem Grund, den der Vertrieb für jeden abgelehnten Lead angegeben hat, aus einer festen Liste.",
    "reasons.aggregated": "reasons braucht das zeilenweise Protokoll (ein Interessent pro Zeile), keine aggregierten Zahlen.",
    "reasons.by_reason": "--by rejection_reason: Wählen Sie die Segmentspalte, z. B. --by industry.",
    "refine.no_column": "Verfeinern nach {names} nicht möglich: Diese Spalte gibt es in {source} nicht.",
    "refine.no_contacts": "{source}: Keine Kontakte in diesem Segment, es gibt nichts zu verfeinern.",
    "refine.zero_denominator": "{metric}: Die Basis ({denom:den}) ist in jeder Zelle null; es gibt noch nichts zu bewerten.",
    "value.no_target": "Die Kennzahl '{metric}' hat kein Ziel (eine Wertkennzahl hat keinen Standardwert). Legen Sie eines in icplab.toml fest, z. B. [metrics.{metric}] target = 150 (EUR pro Kontakt), oder geben Sie ein Ziel an (refine --target).",
    "value.no_contacts": "{metric}: Keine Kontakte zum Vergleichen.",
    "value.no_contacts_refine": "Keine Kontakte in diesem Segment, es gibt nichts zu verfeinern.",
    "check.needs_thesis": "check braucht den Namen einer These, eine Thesis oder ein where-Filter-Dict.",
    "check.needs_data": "check braucht ein OutreachData (icplab.data.load.load) oder eine Zähltabelle.",
    "check.what_thesis": "These '{name}'",
    "check.what_segment": "Das Segment",
    "check.all_later": "{what}: Bis zum {as_of:date} war noch keiner ihrer Kontakte gesendet (alle wurden später gesendet), daher gibt es an diesem Tag noch nichts zu bewerten.",
    "check.no_match": "{what}: Kein Kontakt passt zu ihren Filtern ({filters}). {why} Prüfen Sie die Namen der Ausprägungen und die Bereiche, oder sammeln Sie dort zuerst Daten.",
    "check.no_match_since": "{what}: Kein Kontakt passt zu ihren Filtern ({filters}, gesendet ab dem {since:date}). {why} Prüfen Sie die Namen der Ausprägungen und die Bereiche, oder sammeln Sie dort zuerst Daten.",
    "check.none_since": "{what}: keiner ihrer {n} Kontakte wurde am oder nach dem {since:date} "
    "versandt, und sie wird nur an Kontakten ab diesem Tag geprüft (since, z. B. von refine --propose "
    "gesetzt). Schicken Sie neue Kontakte an dieses Segment und prüfen Sie dann erneut.",
    "check.no_filters": "keine Filter",
    "check.unknown_metric": "Unbekannte Kennzahl '{metric}'; bekannte Kennzahlen: {known:list}.",
    "check.none_computable": "These '{name}': Keine der Kennzahlen lässt sich auf diesen Daten berechnen. {notes}",
    "check.no_theses": "{path}: Keine Thesen festgelegt. Ergänzen Sie [[theses]]-Einträge mit name, statement und where (siehe 'icplab init').",
    "model.unknown_metric": "Unbekannte Kennzahl '{metric}'. Bekannt: {known:list}.",
    "model.no_observations": "{metric}: Keine Beobachtungen für das Modell.",
    "stats.unknown_correction": "Unbekannte Korrektur '{method}'; verwenden Sie eine von {methods:list}.",
    "planning.bad_rate": "{name} muss eine Quote zwischen 0 und 1 sein (z. B. 0,12 für 12 %), angegeben: {value}.",
    "planning.zero_lift": "lift darf nicht 0 sein: Keine Stichprobengröße kann einen Unterschied von null erkennen.",
    "planning.rate_is_target": "Die Quote ist gleich dem Ziel: Keine Zahl von Kontakten kann sie trennen. Planen Sie mit dem kleinsten Unterschied, der zählt, z. B. --rate 0.18 --target 0.15.",
    "srm.missing_share": "[split.{factor}] in icplab.toml hat keinen Anteil für {missing:list}; festgelegt: {declared:list}. Geben Sie für jede Ausprägung ein Gewicht an.",
    "srm.share_not_positive": "[split.{factor}]: Jeder Anteil muss positiv sein.",
    "api.bad_data": "Erwartet wird ein Dateipfad, ein OutreachData oder ein pandas-DataFrame, erhalten: {kind}.",
    "lock.ok": "Die Kennzahlen stimmen mit der Sperre überein ({name}, festgeschrieben am {locked_at:date}).",
    "lock.ok_note": "Die Kennzahlen stimmen mit der Sperre überein ({name}, festgeschrieben am {locked_at:date}). {note}",
    "lock.created": "Die Kennzahlen sind jetzt in {path} festgeschrieben.",
    "lock.restored": "{name} fehlte; die Kennzahlen stimmen mit dem Nachweis der letzten Sperre überein ({source}, festgeschrieben am {locked_at:date}), daher wurde die Datei neu geschrieben.",
    "lock.unlocked": "Die Kennzahlen sind noch nicht festgeschrieben; der erste Aufruf von 'icplab run' oder 'icplab lock' schreibt sie in {path} fest.",
    "lock.tampered": "Die Kennzahlen-Sperre {name} wurde von Hand bearbeitet: Die Kennzahlen darin passen nicht zu ihrem Fingerabdruck, sie zeigt also nicht mehr, was festgeschrieben wurde.",
    "lock.tampered_changes": "Änderungen seit der letzten Sperre ({record}):",
    "lock.tampered_advice": "Ändern Sie Kennzahlen offen in icplab.toml und bestätigen Sie sie mit 'icplab lock --accept' (die Änderung wird festgehalten), oder stellen Sie die Sperrdatei aus der Versionsverwaltung wieder her.",
    "lock.changed": "Die Erfolgskennzahlen haben sich seit ihrer Festschreibung geändert ({name}):",
    "lock.changed_advice": "Bestätigen Sie die Änderung mit 'icplab lock --accept' (oder 'icplab run --accept-metric-change').",
    "lock.change_item": "  - {change}",
    "lock.change_field": "{metric}.{field}: {old} -> {new}",
    "lock.change_added": "{metric}: hinzugefügt ({definition})",
    "lock.change_removed": "{metric}: entfernt (vorher {definition})",
    "lock.line_then": "{first}\n{rest}",
    "lock.missing_note": "{name} fehlt; die festgeschriebenen Werte stammen aus dem Nachweis der letzten Sperre, {source}.",
    "lock.history_tampered": "{name} war von Hand bearbeitet worden; die aktuellen Kennzahlen wurden festgeschrieben",
    "compare.mean_fixed": "{metric} ist eine Wertkennzahl: Jederzeit gültige (sequenzielle) Intervalle gibt es für sie nicht; Intervalle und p-Werte gelten für einen festen Horizont.",
}
