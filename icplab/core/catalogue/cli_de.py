"""Deutsche Meldungen der Kommandozeile (``errors.*``: Eingabefehler; ``cli.*``: was die
Befehle für Menschen ausgeben)."""

MESSAGES: dict[str, str] = {
    # Eingabefehler (icplab/core/errors.py)
    "errors.input_head_one": "{source}: {n} Problem gefunden; nichts wurde geändert.",
    "errors.input_head": "{source}: {n} Probleme gefunden; nichts wurde geändert.",
    "errors.row": "Zeile {row}",
    "errors.rows": "Zeilen {rows}",
    "errors.rows_more": "Zeilen {rows} und {more} weitere",
    "errors.column": "Spalte '{column}'",
    "errors.column_read_as": "Spalte '{header}' (gelesen als {column})",
    "errors.cannot_write": "{target} kann nicht geschrieben werden: {reason}.",
    # die Kommandozeile (icplab/cli)
    "cli.error": "Fehler",
    "cli.warning": "Warnung",
    "cli.warning_upper": "WARNUNG",
    "cli.note": "Hinweis",
    "cli.note_upper": "HINWEIS",
    "cli.usage_error": "{prog}: Fehler: {message} (siehe {prog} --help)",
    "cli.interrupted": "abgebrochen",
    "cli.os_error": "{path} kann nicht verwendet werden: {reason}. Prüfen Sie, ob der Ordner "
    "existiert und beschreibbar ist (und die Datei lesbar); sonst wurde nichts geändert.",
    "cli.os_error_nopath": "kann nicht verwendet werden: {reason}. Prüfen Sie, ob der Ordner "
    "existiert und beschreibbar ist (und die Datei lesbar); sonst wurde nichts geändert.",
    "cli.today": "heute",
    "cli.unit.pp": "Pp.",
    "cli.wrote_rows": "{rows} Zeilen nach {path} geschrieben",
    # Urteile
    "cli.verdict.pass": "ERFÜLLT",
    "cli.verdict.fail": "VERFEHLT",
    "cli.verdict.inconclusive": "noch nicht entschieden",
    "cli.verdict.untested": "ungeprüft (Kontakte reifen noch)",
    # die ersten und die letzten Zeilen eines Urteils
    "cli.top.no_send_dates": "HINWEIS: keine Versanddaten (sent_at): Ob neuere Kontakte Zeit "
    "zum Antworten hatten, lässt sich nicht prüfen; ein Ergebnis unter dem Ziel liegt bisher "
    "darunter, endgültig ist es nicht.",
    "cli.top.after_as_of": "WARNUNG: Der Stichtag liegt vor dem neuesten Kontakt: {left} "
    "Kontakte, die danach angeschrieben wurden, bleiben außen vor.",
    "cli.as_of": "Stand {day}; {state}{mode}",
    "cli.as_of.unknown": "keine Versanddaten, daher lässt sich die Reife nicht prüfen (jeder "
    "Kontakt gezählt).",
    "cli.as_of.off": "Reifefenster sind ausgeschaltet (jeder Kontakt gezählt).",
    "cli.as_of.maturing": "{maturing} Kontakte reifen noch (noch nicht gezählt).",
    "cli.as_of.mature": "jeder Kontakt ist ausgereift (gezählt).",
    "cli.as_of.sequential": " Stets gültige Grenzen: tägliches Nachsehen ist unbedenklich.",
    "cli.as_of.fixed": " Feste Stichprobe: gültig für einen Blick; mit --sequential darf man "
    "nachsehen, während Daten hinzukommen.",
    # Tabellenspalten
    "cli.col.level": "Ausprägung",
    "cli.col.n": "n",
    "cli.col.rate": "Quote",
    "cli.col.ci": "95-%-KI",
    "cli.col.cs": "95-%-KS",
    "cli.col.diff": "Diff.",
    "cli.col.diff_ci": "95-%-KI der Diff.",
    "cli.col.p": "p",
    "cli.col.p_adj": "p korr.",
    "cli.col.p_beats": "P(besser)",
    "cli.col.result": "Ergebnis",
    "cli.col.segment": "Segment",
    "cli.col.metric": "Kennzahl",
    "cli.col.of": "von",
    "cli.col.target": "Ziel",
    "cli.col.verdict": "Urteil",
    "cli.col.to_settle": "bis zur Entscheidung",
    # compare
    "cli.compare.title": "{label} nach {by}",
    "cli.baseline": "{level} (Referenz)",
    "cli.significant": "signifikant",
    "cli.compare.denominator": "der Nenner von {metric}",
    "cli.compare.test.sequential": "stets gültig, sequenziell",
    "cli.compare.test.welch": "Welch-t-Test",
    "cli.compare.test.pooled": "gepoolter z-Test (Fisher bei kleinen Zahlen)",
    "cli.correction.holm": "Holm-Korrektur",
    "cli.correction.bh": "Benjamini-Hochberg-Korrektur",
    "cli.correction.none": "keine Korrektur",
    "cli.compare.legend": "n = {denom}; p: {test}; p korr.: {correction}; signifikant, wenn "
    "p korr. < {alpha:g}.",
    "cli.within.title": "Innerhalb von {within}: Unterscheidet sich die Wirkung von {by} "
    "zwischen den Ausprägungen von {within}?",
    "cli.within.no_additive": "Test auf Unterschiede in Punkten: hier nicht möglich (siehe die "
    "Hinweise).",
    "cli.within.differs": "ja, der Unterschied in Punkten hängt vom Segment ab: Lesen Sie die "
    "Segmente, nicht den Gesamtsieger",
    "cli.within.same": "kein klares Zeichen, dass sich der Unterschied in Punkten unterscheidet",
    "cli.within.additive": "Unterschiede in Punkten (Wald-Test gleicher Unterschiede): Chi² = "
    "{chi2:.2f}, FG = {df}, p = {p}",
    "cli.within.lr": "Auf der Log-Odds-Skala (Likelihood-Quotient, binomiales GLM {by} * "
    "{within} gegen {by} + {within}): Chi² = {chi2:.2f}, FG = {df}, p = {p} (ein gleicher "
    "Zuwachs in Punkten kann hier abweichen, wenn die Ausgangsquoten verschieden sind).",
    # check
    "cli.check.thesis": "These '{thesis}'",
    "cli.check.segment": "Segment",
    "cli.check.head": "{head}: {verdict}  ({n} Kontakte)",
    "cli.check.below_so_far": "bisher unter dem Ziel",
    "cli.check.settle_unknown": "unbekannt",
    "cli.check.settle_one": "~{low} weitere, wenn die Quote in etwa bleibt",
    "cli.check.settle_range": "~{low} bis {high} weitere, wenn die Quote in etwa bleibt",
    "cli.check.since": "Beurteilt auf Kontakten, die am oder nach dem {since} angeschrieben "
    "wurden (since).",
    "cli.after_as_of": "WARNUNG: Der Stichtag {day} liegt vor dem neuesten Kontakt: {left} "
    "Kontakte, die danach angeschrieben wurden, bleiben außen vor. Lassen Sie --as-of / "
    "[workspace] as_of weg, um jeden Kontakt zu beurteilen.",
    "cli.wrote": "{path} geschrieben",
    "cli.wrote_default": "{path} geschrieben (kein --output angegeben: Standardname)",
    "cli.check.thesis_or_all": "geben Sie entweder --thesis NAME oder --all an, nicht beides.",
    "cli.check.what": "sagen Sie, was geprüft werden soll: --thesis NAME (aus icplab.toml), "
    "--all oder --where-Filter, z. B. icplab check data.csv --where industry=Logistik --where "
    "employees=50-199.",
    "cli.check.all_where": "--all prüft die Thesen so, wie sie definiert sind; lassen Sie "
    "--where weg oder nutzen Sie --thesis.",
    # refine
    "cli.refine.head": "{metric} je {by} — Ziel {target}, Zellen mit < {min} {denominator} "
    "ungeprüft",
    "cli.col.estimate": "Schätzung",
    "cli.col.interval": "Intervall",
    "cli.col.own_ci": "eigenes Intervall",
    "cli.col.list": "Liste",
    "cli.open": "offen",
    "cli.list.icp": "ICP",
    "cli.list.candidates": "Kandidaten",
    "cli.list.not_icp": "kein ICP",
    "cli.list.untested": "ungeprüft",
    "cli.refine.icp": "ICP: {icp}. ({n_icp} ICP, {n_candidates} Kandidaten, {n_not_icp} kein "
    "ICP, {n_untested} ungeprüft)",
    "cli.refine.none_yet": "noch keines",
    "cli.refine.best_variant": "Beste Variante, wo die Daten einen Unterschied zeigen:",
    "cli.refine.reco": "{best_rate:.1f} % gegen {other_rate:.1f} % mit {other}; +{diff:.1f} "
    "Prozentpunkte, plausibel {lo:+.1f} bis {hi:+.1f}",
    "cli.refine.min_contacts": "--min-contacts muss eine ganze Zahl von Kontakten >= 1 sein, angegeben ist {value}.",
    "cli.refine.proposed": "Vorgeschlagenes nächstes ICP (icplab.toml):",
    # next
    "cli.next.head": "Nächste {contacts} Kontakte für {metric} (Ziel {target}, Toleranz "
    "±{tolerance} Punkte)",
    # funnel, cycle, plan, reasons
    "cli.stage.contacted": "kontaktiert",
    "cli.stage.replied": "geantwortet",
    "cli.stage.meeting": "Termin",
    "cli.stage.qualified": "qualifiziert",
    "cli.stage.deal": "Abschluss",
    "cli.stage.pipeline": "Pipeline (Termin -> Abschluss)",
    "cli.vs_band.below": "darunter",
    "cli.vs_band.within": "im Band",
    "cli.vs_band.above": "darüber",
    "cli.col.step": "Stufe",
    "cli.col.band": "Band",
    "cli.col.vs_band": "zum Band",
    "cli.funnel.title": "Trichter",
    "cli.funnel.level": "{title} ({contacts} Kontakte)",
    "cli.funnel.value": "Wert je Kontakt: {vpc}; mittlerer Auftragswert: {mdv}",
    "cli.funnel.leak": "Größter Verlust bei: {stage} ({rate}, unter dem unteren Ende {reference} "
    "ihres Bands)",
    "cli.funnel.weakest": "Schwächste Stufe: {stage} ({rate} gegenüber {reference} insgesamt)",
    "cli.funnel.weakest_chance": "Schwächste Stufe: {stage} ({rate} gegenüber {reference} "
    "insgesamt; kann Zufall sein)",
    "cli.method": "Methode: {method}.",
    "cli.method.kaplan_meier": "Kaplan-Meier (statsmodels SurvfuncRight), 1 - S(Horizont), "
    "andere Ausgänge zensiert; 95-%-Intervall: Greenwood, log-log-transformiert",
    "cli.method.aalen_johansen": "kumulative Inzidenz nach Aalen-Johansen mit verlorenen "
    "Abschlüssen (lost_at) als konkurrierendem Risiko; 95-%-Intervall: log-log-transformiert, "
    "Varianz nach der Delta-Methode (Collett)",
    "cli.method.plan": "benötigt = Abschlüsse / Produkt der Stufenquoten; 95-%-Intervall aus "
    "20.000 Ziehungen aus den Beta-Posterioris (1+s, 1+n-s) der Stufenquoten",
    "cli.left_out": "Nicht berücksichtigt: {rows} Zeilen.",
    "cli.days": "{days} Tage",
    "cli.col.contacts": "Kontakte",
    "cli.col.events": "Ereignisse",
    "cli.col.reached": "erreicht",
    "cli.col.median": "Median",
    "cli.col.at_risk": "unter Risiko",
    "cli.cycle.all": "alle",
    "cli.cycle.head": "{step} innerhalb von {horizon} Tagen nach dem Erstkontakt",
    "cli.cycle.by": ", nach {by}",
    "cli.cycle.censored": "Stand {day}; {maturing} Kontakte, die kürzer als {horizon} Tage "
    "beobachtet sind und die Stufe noch nicht erreicht haben, zählen für die beobachteten Tage "
    "(zensiert).",
    "cli.period.week": "Woche",
    "cli.period.month": "Monat",
    "cli.period.quarter": "Quartal",
    "cli.period.year": "Jahr",
    "cli.plan.head_one": "Für {deals} Abschluss pro {per}:",
    "cli.plan.head": "Für {deals} Abschlüsse pro {per}:",
    "cli.plan.in": " in {where}",
    "cli.col.needed": "benötigt",
    "cli.col.interval95": "95-%-Intervall",
    "cli.col.rate_next": "Quote zur nächsten Stufe",
    "cli.plan.sla": "SLA-Kennzahlen: Lead (Termin) -> qualifiziert {lead}, qualifiziert -> "
    "Abschluss {deal}, mittlerer Auftragswert {value}",
    "cli.plan.revenue": "Erwarteter Umsatz pro {per}: {revenue}",
    "cli.plan.pace": "Bisheriges Versandtempo: etwa {pace} Kontakte pro {per} (aus {observed} "
    "Kontakten).",
    "cli.reasons.no_test": "kein Test (zu wenige Ausprägungen oder Gründe)",
    "cli.reasons.test": "Chi-Quadrat {chi2:.1f}, FG {df}, p = {p}",
    "cli.reasons.differ": "die Gründe unterscheiden sich zwischen den Ausprägungen",
    "cli.reasons.same": "kein klarer Unterschied zwischen den Ausprägungen (kann Zufall sein)",
    "cli.reasons.head": "Ablehnungsgründe nach {by} ({rejected} abgelehnte Leads)",
    "cli.col.reason": "Grund",
    "cli.col.count": "Anzahl",
    "cli.col.share": "Anteil",
    "cli.reasons.none": "Noch kein abgelehnter Lead mit Grund.",
    # size, sample, assign, lock
    "cli.size.rate.baseline_rate": "Die Ausgangsquote (--baseline-rate)",
    "cli.size.rate.new_rate": "Die Quote mit Zuwachs (--baseline-rate + --lift)",
    "cli.size.rate.alpha": "Das Signifikanzniveau (--alpha)",
    "cli.size.rate.power": "Die Teststärke (--power)",
    "cli.size.rate.rate": "Die Quote (--rate)",
    "cli.size.rate.target": "Das Ziel (--target)",
    "cli.size.segment_needs": "--segment braucht --rate und --target, z. B. --rate 0.18 "
    "--target 0.15.",
    "cli.size.ab_needs": "geben Sie --baseline-rate und --lift an (z. B. --baseline-rate 0.12 "
    "--lift 0.03) oder --segment --rate R --target T.",
    "cli.size.segment": "Ein Segment mit einer wahren Quote von {rate} braucht etwa {n} "
    "Kontakte (Versuche im Nenner der Kennzahl), damit sein Wilson-Intervall zum Niveau "
    "{confidence} mit {power} Wahrscheinlichkeit über dem Ziel von {target} liegt.",
    "cli.size.ab": "Um {base} -> {new} ({lift}) mit {power} Teststärke bei alpha {alpha:g} "
    "(zweiseitig) zu erkennen: {n} Kontakte je Variante, {total} insgesamt.",
    "cli.sample.rows": "--rows muss mindestens 1 sein.",
    "cli.sample.running": "--running muss 0 oder größer sein.",
    "cli.sample.snapshot": "--snapshot {snapshot}: erwartet wird ein ISO-Datum, z. B. 2026-09-30.",
    "cli.sample.snapshot_after": "--snapshot muss am oder nach dem {first} liegen.",
    "cli.sample.suffix": "{out}: Verwenden Sie einen Dateinamen auf .csv oder .parquet.",
    "cli.sample.folder": "{out}: ist ein Ordner; geben Sie einen Dateinamen an, etwa {example}.",
    "cli.sample.exists": "{out}: Die Datei existiert und blieb unverändert. icplab sample "
    "schreibt erzeugte (unechte) Daten; geben Sie --force an, um die Datei zu ersetzen, oder "
    "wählen Sie einen anderen Namen.",
    "cli.sample.cannot_write": "{out} kann nicht geschrieben werden: {reason}. Wählen Sie einen "
    "Ordner, der existiert und beschreibbar ist.",
    "cli.output_is_input": "{path} ist eine Eingabe dieses Befehls (seine Daten oder seine "
    "icplab.toml); icplab überschreibt seine Eingaben nicht. Geben Sie eine andere Datei an.",
    "cli.assign.config_link": "{path} ist ein symbolischer Link; icplab schreibt [split] nicht "
    "darüber (der Link würde durch eine Datei ersetzt). Geben Sie die verlinkte Datei mit "
    "--config an oder ersetzen Sie den Link durch eine Kopie.",
    "cli.assign.wrote_one": "{rows} Kontakte in einem Segment nach {output} geschrieben; "
    "geplante Aufteilung unter [split] in {config} festgehalten",
    "cli.assign.wrote": "{rows} Kontakte in {segments} Segmenten nach {output} geschrieben; "
    "geplante Aufteilung unter [split] in {config} festgehalten",
    "cli.lock.accepted": "Die geänderten Kennzahl-Definitionen wurden übernommen:",
    "cli.lock.locked": "Kennzahlen in {path} festgeschrieben.",
    "cli.mask.email": "[E-Mail entfernt]",
    "cli.mask.phone": "[Telefonnummer entfernt]",
    "cli.mask.name": "[Name entfernt]",
    "cli.lock.at": "{day:date}, {time} UTC",
    "cli.lock.history": "Übernommene Änderungen (älteste zuerst):",
    # init
    "cli.init.no_data": "{data}: Datei nicht gefunden; geben Sie den Pfad Ihres Exports mit "
    "--data an.",
    "cli.init.not_folder": "{target}: existiert und ist kein Ordner.",
    "cli.init.exists": "{target}: ist schon ein Arbeitsbereich ({config} existiert); nichts "
    "wurde geändert. Mit --force werden Konfiguration, Beispieldaten und Notebooks "
    "überschrieben.",
    "cli.init.not_empty": "{target}: Der Ordner ist nicht leer; nichts wurde geändert. Wählen "
    "Sie einen neuen Ordner oder nutzen Sie --force.",
    "cli.init.no_notebooks": "keine Bericht-Notebooks in {folder} gefunden; installieren Sie "
    "icplab neu.",
    "cli.init.unreadable": "kann nicht gelesen werden ({kind}); nichts wurde geschrieben.",
    "cli.init.preset": "Hinweis: Die Spalten stammen aus einem Export von {tool}; [columns] "
    'preset = "{preset}" wird eingetragen (docs/presets.md).',
    "cli.init.created": "Arbeitsbereich {dir} angelegt ({n} Dateien):",
    "cli.init.incomplete": "Die [columns]-Zuordnung ist unvollständig: {cols}. Der "
    "Arbeitsbereich ist geschrieben; {dir}/{config} enthält unter [columns] für jede einen "
    "auskommentierten Entwurf mit den Werten aus dem Export. Kommentieren Sie sie ein, behalten "
    "Sie nur die Werte, die die Spalte meinen, dann: cd {dir} && icplab run",
    "cli.init.next": "weiter: cd {dir} && icplab run",
    # validate, run, Optionen
    "cli.validate.no_header": "die erste Zeile sieht nach Daten aus, nicht nach Spaltenköpfen "
    "({reason}); fügen Sie eine Kopfzeile ein und entwerfen Sie dann die Zuordnung.",
    "cli.validate.draft": "Eine [columns]-Tabelle für icplab.toml, aus den Spaltenköpfen der "
    "Datei entworfen (prüfen Sie sie und ergänzen Sie, was fehlt):",
    "cli.validate.preset": "Hinweis: Die Spalten sehen nach einem Export aus {tool} aus; "
    "--preset {preset} liest ihn mit der eingebauten Zuordnung (docs/presets.md).",
    "cli.run.done": "{ok} von {n} Berichten in Ordnung, in {seconds} s; Übersicht: {index}",
    "cli.run.left": "noch etwa {left}",
    "cli.run.ok": "ok",
    "cli.run.failed": "FEHLER",
    "cli.option.finite": "{option} {value}: erwartet wird eine endliche Zahl (nicht nan oder inf).",
    "cli.option.date": "{option} '{value}': {dest} muss ein ISO-Datum sein, etwa 2026-09-30.",
    "cli.vs_band.inconclusive": "unklar",
    "cli.den.contacted": "Kontakte",
    "cli.den.replied": "Antworten",
    "cli.den.meeting": "Termine",
    "cli.den.qualified": "qualifizierte Leads",
    "cli.den.deal": "Abschlüsse",
    "cli.stage.positive_reply": "positive Antwort",
}
