"""Deutsche Hilfe der Kommandozeile: ``icplab --help`` und jedes ``icplab BEFEHL --help``
(``cli.help.*``), und die eigenen Wörter von argparse (``cli.argparse.*``,
:mod:`icplab.cli.usage`)."""

MESSAGES: dict[str, str] = {
    # icplab --help: eine Zeile je Befehl
    "cli.help.validate": "ein Outreach-Protokoll (CSV, Parquet, XLSX) prüfen und zusammenfassen",
    "cli.help.sample": "ein realistisches erzeugtes Outreach-Protokoll schreiben (mit Startwert, eingebaute Effekte)",
    "cli.help.init": "einen Arbeitsbereich anlegen: icplab.toml, Beispieldaten, Notebooks, reports/",
    "cli.help.run": "die Bericht-Notebooks ausführen und HTML-Berichte mit Übersichtsseite veröffentlichen",
    "cli.help.compare": "die Ausprägungen eines Faktors bei einer Kennzahl vergleichen (A/B-Test)",
    "cli.help.check": "eine ICP-These (oder ein Segment) an den Zielen der Kennzahlen prüfen",
    "cli.help.refine": "jede Zelle Branche x Größe einordnen: ICP / Kandidaten / kein ICP / ungeprüft",
    "cli.help.funnel": "jede Stufe des Trichters mit eigener Quote, gegen Vergleichsbänder",
    "cli.help.cycle": "Verkaufszyklus: Anteil, der eine Stufe binnen N Tagen nach dem Erstkontakt erreicht",
    "cli.help.plan": "benötigte Kontakte (Termine, qualifizierte Leads) je Zeitraum für N Abschlüsse",
    "cli.help.reasons": "warum der Vertrieb Leads ablehnt, nach Segment (geschlossener Kreislauf)",
    "cli.help.size": "benötigte Kontakte für einen A/B-Test oder eine Segmentprüfung",
    "cli.help.lock": "die festgeschriebenen Kennzahl-Definitionen zeigen oder Änderungen übernehmen",
    "cli.help.next": "wohin die nächsten N Kontakte gehen: die noch offenen Zellen (und Varianten)",
    "cli.help.assign": "geschichtete (geblockte) Zuteilung von Varianten an eine Kontaktliste, mit Startwert",
    "cli.help.description": "ICP-Thesen an B2B-Outreach-Daten prüfen: Zahlen, ehrlich berechnet.",
    # Optionen, die jeder Befehl, der sie hat, gleich beschreibt
    "cli.help.opt.version": "die Versionsnummer des Programms zeigen und beenden",
    "cli.help.opt.lang": "Sprache der Ausgabe im Terminal: en oder de (Standard: Umgebung "
    "ICPLAB_LANG, sonst [reports] language in icplab.toml, sonst en); --format json ist in "
    "jeder Sprache gleich",
    "cli.help.opt.data": "das Outreach-Protokoll (CSV, Parquet, XLSX) oder eine Tabelle, z. B. "
    "duckdb:///growth.duckdb::outreach",
    "cli.help.opt.where": "Segmentfilter, wiederholbar: industry=IT,Logistik oder employees=50-199",
    "cli.help.opt.sequential": "immer gültige Konfidenzfolgen: jeden Tag neu prüfbar "
    "(Standard: [stats] sequential in icplab.toml, sonst aus)",
    "cli.help.opt.as_of": "die Daten zum Stand dieses ISO-Datums beurteilen, z. B. 2026-09-30 "
    "(Reifefenster{what}; Standard: [workspace] as_of in icplab.toml, sonst heute)",
    "cli.help.as_of.steps": "jede Stufe zählt nur Kontakte, die älter als ihr Fenster sind",
    "cli.help.as_of.censored": "Kontakte ohne die Stufe bis dahin werden dort zensiert",
    "cli.help.opt.output": "--format csv/xlsx in die Datei FILE schreiben (csv sonst: "
    "Standardausgabe; xlsx sonst: icplab-<Befehl>.xlsx im aktuellen Ordner)",
    "cli.help.opt.language": "de: CSV im deutschen Excel-Stil (';' und Dezimalkomma); "
    "Standard: [reports] language in icplab.toml, sonst en",
    "cli.help.opt.config": "icplab.toml (Standard: ./icplab.toml)",
    "cli.help.opt.preset": "den Export eines Werkzeugs mit einer eingebauten Spaltenzuordnung "
    "lesen: {presets} (ersetzt [columns] preset; siehe docs/presets.md)",
    # validate
    "cli.help.validate.about": "Ein Outreach-Protokoll gegen das Eingabeformat prüfen. Bei "
    "einer gültigen Datei Zeilen, Kampagnen, Zeitraum, Ausprägungen je Faktor und die Zahlen "
    "des Trichters ausgeben. Bei einer ungültigen Datei jedes Problem mit seinen Zeilen und "
    "seiner Spalte auflisten und mit Status 2 enden.",
    "cli.help.validate.path": "das Outreach-Protokoll",
    "cli.help.validate.suggest_mapping": "eine Tabelle [columns] für icplab.toml ausgeben, "
    "entworfen aus den Spaltenköpfen der Datei",
    # sample
    "cli.help.sample.about": "Ein erzeugtes deutsches B2B-Outreach-Protokoll mit bekannten "
    "wahren Quoten schreiben (siehe data/samples/README.md). Die personenbezogenen Daten darin "
    "sind erfunden.",
    "cli.help.sample.out": "Zieldatei (.csv oder .parquet)",
    "cli.help.sample.rows": "Zahl der Interessenten (Standard 15.000)",
    "cli.help.sample.seed": "Startwert des Zufalls (Standard 7)",
    "cli.help.sample.aggregated": "Zahlen je Segment statt Zeilen schreiben",
    "cli.help.sample.german": "deutsche Spaltenköpfe, ';' und Windows-1252, wie ein Excel-Export",
    "cli.help.sample.null": "keine wahren Effekte: jedes Segment antwortet zu 10 %",
    "cli.help.sample.running": "N Interessenten einer Kampagne anhängen, die am Stichtag noch "
    "läuft (spätere Antworten fehlen im Protokoll noch); Standard 0",
    "cli.help.sample.force": "ZIEL ersetzen, wenn es existiert (sonst wird eine vorhandene Datei "
    "nie überschrieben)",
    "cli.help.sample.snapshot": "Exporttag der laufenden Kampagne (Standard {snapshot})",
    # init
    "cli.help.init.about": "Einen Arbeitsbereich in ORDNER anlegen: icplab.toml mit den "
    "Standard-Kennzahlen, einer Beispielthese und dem Standard-Berichtsplan; "
    "data/outreach.csv (Beispieldaten zum Ausprobieren, durch den eigenen Export zu ersetzen); "
    "notebooks/ mit den Bericht-Notebooks; reports/. Ein bestehender Arbeitsbereich bleibt "
    "unberührt, außer mit --force.",
    "cli.help.init.dir": "anzulegender Ordner (darf leer existieren)",
    "cli.help.init.force": "icplab.toml, die Beispieldaten und die Notebooks in ORDNER überschreiben",
    "cli.help.init.data": "der eigene Outreach-Export: nach ORDNER/data/ kopiert und als "
    "[workspace] data eingetragen (Standard: Beispieldaten zum Ausprobieren)",
    "cli.help.init.preset": "Spaltenvorlage des Werkzeugs, aus dem der Export stammt, "
    "eingetragen als [columns] preset ({presets}; siehe docs/presets.md)",
    # run
    "cli.help.run.about": "Jeden Bericht des Plans in icplab.toml ausführen ([[reports]] oder "
    "[[reports.plan]], sonst der Standardplan: Überblick, ein A/B-Test je Faktor, eine "
    "Prüfung je These, ICP-Verfeinerung, Stichprobenplaner), jedes Notebook in einem eigenen "
    "Prozess. Gelungene Berichte ersetzen reports/<Name>.html; ein gescheiterter behält die "
    "letzte gute Fassung, und seine Fehlerseite bleibt in reports/runs/<Zeitstempel>/. "
    "Rückgabewert: 0 alles gut, 1 ein Bericht ist gescheitert, 2 fehlerhafte Eingabe (nichts "
    "wird geschrieben) oder ein anderer Lauf in diesem Arbeitsbereich, 3 die Kennzahlen haben "
    "sich geändert und die Änderung wurde nicht übernommen, 130 mit Strg-C abgebrochen (143 "
    "durch SIGTERM; nichts Neues wird veröffentlicht).",
    "cli.help.run.config": "Konfiguration des Arbeitsbereichs (Standard: ./icplab.toml, sonst "
    "die eingebauten Vorgaben)",
    "cli.help.run.data": "Outreach-Protokoll oder Tabelle, über das berichtet wird (Standard: [workspace] "
    "data der Konfiguration)",
    "cli.help.run.jobs": "gleichzeitig laufende Notebooks (Standard: die Zahl der Kerne, "
    "höchstens 4)",
    "cli.help.run.only": "nur diesen Bericht ausführen (Name oder Anfang des Namens); wiederholbar",
    "cli.help.run.timeout": "Sekunden, die eine einzelne Notebook-Zelle laufen darf (Standard 600)",
    "cli.help.run.wait": "wenn in diesem Arbeitsbereich schon ein icplab run läuft, bis zu so "
    "viele Sekunden auf sein Ende warten (Standard 0: sofort mit Status 2 enden)",
    "cli.help.run.accept_metric_change": "geänderte Kennzahl-Definitionen übernehmen (Ziele, "
    "Fenster, die Zuordnung [columns] der gezählten Spalten, Größenklassen) und die neuen "
    "festschreiben; ohne diese Option endet eine Änderung mit Status 3",
    "cli.help.run.language": "Sprache aller Berichte und der Übersichtsseite (Standard: "
    "[reports] language in icplab.toml, sonst Englisch)",
    # compare
    "cli.help.compare.about": "Jede Ausprägung eines Faktors bei einer Erfolgskennzahl mit "
    "einer Basis-Ausprägung vergleichen: Wilson-Intervalle, Newcombe-Intervalle der "
    "Differenz, gepoolter z-Test oder exakter Fisher-Test, Anpassung nach Holm/BH, "
    "Wahrscheinlichkeit, die Basis zu schlagen, und eine Prüfung der Aufteilung "
    "(Sample-Ratio-Mismatch).",
    "cli.help.compare.by": "Faktor: industry, size_band, messaging, salutation oder eine "
    "beliebige Spalte",
    "cli.help.compare.metric": "Name der Kennzahl, z. B. reply_rate",
    "cli.help.compare.baseline": "Basis-Ausprägung (Standard: die mit den meisten Kontakten)",
    "cli.help.compare.correction": "Anpassung für mehrfache Vergleiche (Standard aus "
    "icplab.toml: holm)",
    "cli.help.compare.alpha": "Signifikanzniveau (Standard 0,05)",
    "cli.help.compare.within": "zusätzlich innerhalb jeder Ausprägung von COLUMN vergleichen "
    "(z. B. industry) und testen, ob sich der Effekt zwischen ihnen unterscheidet "
    "(Likelihood-Quotienten-Test der Wechselwirkung)",
    # check
    "cli.help.check.about": "Eine These aus icplab.toml, alle Thesen (--all) oder ein freies "
    "Segment (--where) an den festen Erfolgskennzahlen beurteilen: bestanden, nicht bestanden "
    "oder noch offen, mit einer Schätzung der noch nötigen Kontakte. Rückgabewert 0, wie "
    "auch immer das Urteil ausfällt.",
    "cli.help.check.where": "Segmentfilter, wiederholbar (engt eine --thesis ein oder legt ein "
    "freies Segment fest)",
    "cli.help.check.thesis": "Name einer These aus icplab.toml",
    "cli.help.check.all": "jede These in icplab.toml prüfen",
    "cli.help.check.metric": "zu prüfende Kennzahl, wiederholbar (Standard: alle Kennzahlen)",
    # refine
    "cli.help.refine.about": "Jede Segmentzelle am Ziel der Kennzahl beurteilen, mit teilweise "
    "gepoolten Schätzungen, und das nächste ICP vorschlagen.",
    "cli.help.refine.where": "Segmentfilter, z. B. industry=IT,Logistik",
    "cli.help.refine.by": "weitere Dimension der Zellen (wiederholbar), z. B. --by messaging",
    "cli.help.refine.min_contacts": "Zellen mit weniger sind „ungeprüft“ (Standard: "
    "Konfiguration, 30)",
    "cli.help.refine.target": "das Ziel der Kennzahl ersetzen (nötig für value_per_contact "
    "ohne Ziel in icplab.toml), z. B. --target 150",
    "cli.help.refine.propose": "die vorgeschlagene nächste These als Ausschnitt für "
    "icplab.toml ausgeben",
    "cli.help.refine.thesis": "die aktuelle These, für das Änderungsprotokoll von --propose",
    "cli.help.refine.out": "den Ausschnitt von --propose in diese Datei schreiben",
    # funnel
    "cli.help.funnel.about": "Jede Stufe des Trichters zeigen (geantwortet von kontaktiert, "
    "Termin von geantwortet, qualifiziert von Termin, Abschluss von qualifiziert) mit ihrem "
    "95-%-Wilson-Intervall, Wert je Kontakt und mittlerem Auftragswert, mit --by nach "
    "Segment, gegen die Vergleichsbänder von [funnel] in icplab.toml, und die Stufe, an der "
    "jedes Segment am meisten verliert.",
    "cli.help.funnel.by": "ein Trichter je Ausprägung: industry, size_band, channel, month",
    # cycle
    "cli.help.cycle.about": "Für jede Ausprägung von --by die Kaplan-Meier-Schätzung, STEP "
    "binnen --horizon Tagen nach sent_at zu erreichen (Kontakte ohne die Stufe bis --as-of "
    "werden dort zensiert, so zählen junge Kontakte für das, was sie bisher gezeigt haben), "
    "ihr 95-%-Intervall (Log-Log-Greenwood), den Median der Tage bis zur Stufe bei denen, die "
    "sie erreicht haben, und die am Horizont noch beobachteten Kontakte. --competing lost: "
    "kumulative Inzidenz nach Aalen-Johansen mit verlorenen Abschlüssen (lost_at) als "
    "konkurrierendem Risiko.",
    "cli.help.cycle.step": "die Stufe des Trichters",
    "cli.help.cycle.by": "eine Schätzung je Ausprägung, z. B. size_band, industry",
    "cli.help.cycle.horizon": "Tage seit dem Erstkontakt",
    "cli.help.cycle.competing": "lost: lost_at als konkurrierendes Risiko behandeln (nur "
    "Abschlüsse)",
    # plan
    "cli.help.plan.about": "Der umgekehrte Trichter eines Segments: aus seinen beobachteten "
    "Stufenquoten, wie viele Kontakte, Antworten, Termine und qualifizierte Leads N "
    "Abschlüsse je Zeitraum brauchen, mit einem 95-%-Intervall aus der Unsicherheit der "
    "Quoten, und die SLA-Kennzahlen (Lead -> qualifiziert, qualifiziert -> Abschluss, "
    "mittlerer Auftragswert). Keine Stichprobengröße: dafür 'icplab size' für A/B-Tests.",
    "cli.help.plan.deals": "gewünschte Abschlüsse je Zeitraum",
    "cli.help.plan.per": "der Zeitraum (Standard month)",
    # reasons
    "cli.help.reasons.about": "rejection_reason unter abgelehnten Leads auszählen (ein Termin, "
    "der nicht qualifiziert wurde; ein Termin ohne Abschluss, wenn es keine Spalte qualified "
    "gibt), nach den Ausprägungen einer Spalte, mit dem Chi-Quadrat-Test auf Unabhängigkeit "
    "von Grund und Ausprägung.",
    "cli.help.reasons.by": "industry, size_band, channel, month (aus sent_at), ...",
    # size
    "cli.help.size.about": "A/B-Test: Kontakte je Variante, um --lift über --baseline-rate zu "
    "erkennen (zweiseitiger gepoolter z-Test). Mit --segment: Versuche, die eine "
    "Segmentprüfung braucht, damit das 95-%-Wilson-Intervall eine angenommene wahre --rate "
    "vom --target trennt.",
    "cli.help.size.baseline_rate": "z. B. 0.12",
    "cli.help.size.lift": "absoluter Zuwachs, z. B. 0.03 (3 Punkte)",
    "cli.help.size.segment": "stattdessen eine Segmentprüfung planen",
    "cli.help.size.rate": "angenommene wahre Quote des Segments",
    "cli.help.size.target": "das Ziel der Kennzahl, z. B. 0.15",
    # lock
    "cli.help.lock.about": "Zeigen, ob die Erfolgskennzahlen in icplab.toml den in "
    "icplab.lock.json festgeschriebenen entsprechen (der erste Aufruf schreibt sie fest). "
    "--accept schreibt die aktuellen Definitionen nach einer bewussten Änderung fest (im "
    "Verlauf der Festschreibung vermerkt). Rückgabewert 3, wenn sie sich geändert haben und "
    "nicht übernommen wurden oder die Datei von Hand bearbeitet wurde. Eine gelöschte Datei "
    "wird mit dem Vermerk der letzten Festschreibung in .icplab/lock-record.json verglichen.",
    "cli.help.lock.accept": "die aktuellen Definitionen festschreiben",
    # next
    "cli.help.next.about": "Die nächsten Kontakte auf die Zellen Branche x Größe verteilen, "
    "die gegen das Ziel der Kennzahl noch offen sind (entschiedene Zellen bekommen keine; "
    "noch reifende Kontakte zählen als ausstehend). Siehe docs/next-batch.md.",
    "cli.help.next.contacts": "Größe der nächsten Welle",
    "cli.help.next.by": "Spalten der Zellen, durch Kommas getrennt (Standard: industry,size_band)",
    "cli.help.next.variants": "die Kontakte jeder Zelle auf die Ausprägungen dieser Spalte "
    "aufteilen (z. B. messaging)",
    "cli.help.next.tolerance": "eine Zelle, deren Intervall innerhalb Ziel +- T liegt, ist "
    "entschieden (Standard 0,02)",
    # assign
    "cli.help.assign.about": "Einer Kontaktliste innerhalb jedes Segments Botschaftsvarianten "
    "zuteilen (geblockte Zufallszuteilung im geplanten Verhältnis), die Liste mit der "
    "Variantenspalte nach FILE schreiben und den Plan unter [split] in icplab.toml vermerken.",
    "cli.help.assign.contacts_name": "kontakte",
    "cli.help.name.data": "daten",
    "cli.help.name.path": "pfad",
    "cli.help.name.out": "ziel",
    "cli.help.name.dir": "ordner",
    "cli.help.assign.contacts": "die Kontaktliste (CSV, Parquet, XLSX)",
    "cli.help.assign.by": "Segmente, innerhalb derer ausgeglichen wird (Standard "
    "industry,size_band; size_band kommt aus employees)",
    "cli.help.assign.variants": "die Variantenspalte und ihre Ausprägungen, z. B. "
    "messaging=zeitersparnis,fehlerrate",
    "cli.help.assign.ratio": "geplantes Verhältnis (Standard: gleich)",
    "cli.help.assign.seed": "Startwert des Zufalls (gleicher Startwert, gleiche Datei)",
    "cli.help.assign.config": "icplab.toml, in dem [split] vermerkt wird (Standard "
    "./icplab.toml, angelegt, wenn es fehlt)",
    # die eigenen Wörter von argparse (seine gettext-Kennungen, icplab.cli.usage)
    "cli.help.command_metavar": "BEFEHL",
    "cli.argparse.usage": "Aufruf: ",
    "cli.argparse.positionals": "Positionsargumente",
    "cli.argparse.options": "Optionen",
    "cli.argparse.help": "diese Hilfe zeigen und beenden",
    "cli.argparse.argument": "Angabe %(argument_name)s: %(message)s",
    "cli.argparse.required": "diese Angaben fehlen: %s",
    "cli.argparse.one_of": "eine der Angaben %s ist nötig",
    "cli.argparse.unrecognized": "unbekannte Angaben: %s",
    "cli.argparse.invalid_choice": "ungültige Auswahl: %(value)r (möglich: %(choices)s)",
    "cli.argparse.invalid_value": "ungültiger Wert %(value)r (erwartet: %(type)s)",
    "cli.type.float": "eine Zahl",
    "cli.type.int": "eine ganze Zahl",
    "cli.argparse.ambiguous": "mehrdeutige Option: %(option)s passt zu %(matches)s",
    "cli.argparse.not_allowed": "nicht zusammen mit %s erlaubt",
    "cli.argparse.ignored": "überzähliger Wert %r wird nicht angenommen",
    "cli.argparse.expected_one": "erwartet einen Wert",
    "cli.argparse.expected_at_most_one": "erwartet höchstens einen Wert",
    "cli.argparse.expected_at_least_one": "erwartet mindestens einen Wert",
    "cli.argparse.expected_n": "erwartet %s Wert",
    "cli.argparse.expected_ns": "erwartet %s Werte",
}
