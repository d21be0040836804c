"""German messages of the errors raised by the core, data, report, batch and CLI layers
(code -> ``str.format`` template); the codes and fields are those of
:mod:`icplab.core.catalogue.errors_en`."""

MESSAGES: dict[str, str] = {
    # Pfade, in die icplab nicht schreibt (icplab/core/files.py)
    "errors.path.refused": "{path} {what}; icplab schreibt nur in echte Ordner des "
    "Arbeitsbereichs. Ersetzen Sie den Link durch einen Ordner (oder entfernen Sie ihn) und "
    "starten Sie erneut.",
    "errors.path.refused_outside": "{path} {what}; icplab schreibt nur in echte Ordner des "
    'Arbeitsbereichs. Wählen Sie einen Ordner darin (z. B. [workspace] reports = "reports" in '
    "icplab.toml) und starten Sie erneut.",
    "errors.path.outside": "liegt außerhalb des Ordners, in den icplab schreibt",
    "errors.path.link": "ist ein symbolischer Link",
    "errors.path.resolves_outside": "führt aus dem Ordner hinaus, in den icplab schreibt",
    "errors.path.not_folder": "ist kein Ordner",
    # warum ein Ordner nicht beschrieben werden kann (icplab/batch/publish.py)
    "errors.os.denied": "keine Berechtigung",
    "errors.os.read_only": "schreibgeschütztes Dateisystem",
    "errors.os.disk_full": "kein Platz mehr auf dem Datenträger",
    "errors.os.not_folder": "ein Teil des Pfads ist eine Datei, kein Ordner",
    "errors.os.name_too_long": "Dateiname zu lang",
    "errors.os.not_found": "Datei oder Ordner nicht gefunden",
    "errors.os.is_folder": "der Pfad ist ein Ordner, keine Datei",
    "errors.os.exists": "eine Datei oder ein Ordner dieses Namens existiert bereits",
    "errors.os.busy": "die Datei wird gerade verwendet",
    "errors.os.io": "Ein-/Ausgabefehler",
    # Kennzahlen (icplab/core/metrics.py)
    "errors.metric.problem": "Kennzahl '{name}': {detail}",
    "errors.metric.window_days": "window_days muss eine ganze Zahl von Tagen >= 0 sein (0 "
    "schaltet das Reifefenster ab), angegeben ist {value}",
    "errors.metric.kind": "kind muss einer dieser Werte sein: {kinds:list}; angegeben ist {value}",
    "errors.metric.mean_target": "das Ziel einer Mittelwert-Kennzahl ist ein Wert >= 0 (z. B. "
    "150 für 150 EUR je Kontakt), angegeben ist {value}",
    "errors.metric.rate_target": "target muss eine Quote zwischen 0 und 1 sein (z. B. 0.15 für "
    "15 %), angegeben ist {value}",
    "errors.metric.needs_reply_step": "{name} braucht im zeilenweisen Protokoll eine Spalte "
    "'reply_step' (welche Nachricht der Sequenz beantwortet wurde, 1 = die erste E-Mail), die "
    "Daten haben aber keine.",
    "errors.metric.needs_reply_class": "{name} braucht im zeilenweisen Protokoll eine Spalte "
    "'reply_class' (positive, not_now, negative, unsubscribe, auto), die Daten haben aber keine.",
    "errors.metric.needs_numerator": "{name} braucht eine Spalte '{column}', die Daten haben "
    "aber keine. Ergänzen Sie im Export eine Spalte {column} (1/0) oder lassen Sie {name} in "
    "der Auswertung weg.",
    "errors.metric.needs_denominator": "{name} braucht eine Spalte '{column}', die Daten haben "
    "aber keine.",
    # Datenbanktabellen (icplab/data/warehouse.py)
    "errors.table.no_table": "'{url}' nennt eine Datenbank, aber keine Tabelle: Hängen Sie "
    "'::TABELLE' an, z. B. 'duckdb:///growth.duckdb::outreach'.",
    "errors.table.empty_name": "'{url}': Der Tabellenname nach '::' ist leer.",
    "errors.table.needs_ibis": "Zum Lesen einer Datenbanktabelle wird Ibis gebraucht: pip "
    "install 'ibis-framework[duckdb]' (oder das Extra Ihres Data Warehouse: sqlite, postgres, "
    "bigquery, snowflake, pyspark).",
    "errors.table.no_backend": "Das Ibis-Backend für '{conn}' ist nicht installiert "
    "({reason}). Installieren Sie es, z. B. mit pip install 'ibis-framework[postgres]'.",
    "errors.table.cannot_connect": "Keine Verbindung zu '{conn}' möglich: {reason}.",
    "errors.table.not_found": "{source}: Diese Tabelle gibt es nicht (oder es fehlt das Recht, "
    "sie zu lesen).",
    "errors.table.no_log_columns": "{source}: Die Tabelle hat keine der Spalten des Protokolls "
    "(industry, replied, ...).",
    "errors.table.cannot_export": "{source}: Die Tabelle kann nicht exportiert werden ({reason}).",
    "errors.table.duplicate_id": "{n} prospect_id kommt in derselben Kampagne mehr als einmal "
    "vor ({rows} Zeilen der Tabelle; Sie finden sie mit GROUP BY campaign, {header} HAVING "
    "count(*) > 1). Jeder Kontakt ist eine Zeile je Kampagne: fassen Sie die Berührungspunkte "
    "in einer Zeile zusammen.",
    "errors.table.duplicate_ids": "{n} prospect_ids kommen in derselben Kampagne mehr als "
    "einmal vor ({rows} Zeilen der Tabelle; Sie finden sie mit GROUP BY campaign, {header} "
    "HAVING count(*) > 1). Jeder Kontakt ist eine Zeile je Kampagne: fassen Sie die "
    "Berührungspunkte in einer Zeile zusammen.",
    # der Leser außerhalb des Speichers (icplab/data/scan.py)
    "errors.scan.employees_below_one": "muss eine ganze Zahl >= 1 sein",
    "errors.scan.unreadable": "kann nicht als {kind} gelesen werden ({reason}). Mit "
    "{variable}=pandas liest der gewöhnliche Leser die Datei und nennt die fehlerhafte Zeile.",
    # der Berichtsplan (icplab/batch/plan.py)
    "errors.plan.repeated_names": "Berichtsnamen müssen eindeutig sein; mehrfach vergeben: "
    "{names:list}.",
    "errors.plan.name_chars": "Der Berichtsname '{name}' darf nur Buchstaben, Ziffern, '.', '_' "
    "und '-' enthalten.",
    "errors.plan.name_length": "Der Berichtsname '{name}...' hat {length} Zeichen; erlaubt sind "
    "höchstens {limit} (er wird zum Dateinamen).",
    "errors.plan.reserved_parameter": "[[reports]]-Eintrag '{name}': Der Parameter '{key}' kann "
    "im Plan nicht gesetzt werden; icplab run setzt ihn ({reason}). Entfernen Sie ihn aus dem "
    "Eintrag.",
    "errors.plan.reserved.summary_path": "Berichte werden nur in den Laufordner in reports/ "
    "geschrieben",
    "errors.plan.reserved.data": "alle Berichte eines Laufs lesen dieselben Daten: Nutzen Sie "
    "--data oder [workspace] data",
    "errors.plan.reserved.workspace": "der Arbeitsbereich ist der Ordner von icplab.toml",
    "errors.plan.reserved.config": "nutzen Sie --config",
    "errors.plan.reserved.report_name": "der Name des Berichts ist der Name seines Eintrags",
    "errors.plan.reserved.metric_change": "er kommt aus der Kennzahlensperre",
    "errors.plan.reserved.run_comparisons": "er kommt aus den Vergleichen des ganzen Laufs",
    "errors.plan.reserved.config_copy": "alle Berichte eines Laufs lesen die icplab.toml, mit "
    "der der Lauf begann",
    "errors.plan.unknown_report": "Im Plan gibt es keinen Bericht '{name}'. Bekannt sind: "
    "{known:list}.",
    "errors.plan.reserved_name": "Der Berichtsname '{name}' würde reports/{file}.html (oder eine "
    "andere Datei, die icplab in reports/ führt) überschreiben; wählen Sie einen anderen Namen.",
    "errors.plan.case_only": "Die Berichtsnamen '{other}' und '{name}' unterscheiden sich nur in "
    "Groß- und Kleinschreibung: Auf vielen Datenträgern sind sie dieselbe Datei in reports/. "
    "Wählen Sie verschiedene Namen.",
    "errors.plan.tables_name": "Der Berichtsname '{name}' würde die Tabellen des Berichts "
    "'{other}' (reports/{other}.tables.json) überschreiben; wählen Sie einen anderen Namen.",
    "errors.plan.parameter_name": "[[reports]]-Eintrag '{name}': Der Parametername '{key}' "
    "{why}; ein Parametername muss ein einfacher Name sein (Buchstaben, Ziffern, '_', nicht mit "
    "einer Ziffer am Anfang), z. B. metric oder factor.",
    "errors.plan.why.not_plain": "ist kein einfacher Name",
    "errors.plan.why.keyword": "ist ein Python-Schlüsselwort",
    "errors.plan.why.dunder": "ist für Python reserviert",
    "errors.plan.no_notebook": "Das Berichts-Notebook '{notebook}' wurde nicht gefunden "
    "(gesucht in {folders:list}).",
    # Laufsperre, Lauf und seine Kopie der Daten (icplab/batch/)
    "errors.run.linked_lock": "{path} ist ein symbolischer Link; icplab schreibt nur in echte "
    "Dateien des Arbeitsbereichs. Entfernen Sie den Link und starten Sie erneut.",
    "errors.run.no_state_folder": "Der Zustandsordner des Arbeitsbereichs {folder} kann nicht "
    "angelegt werden ({reason}). Machen Sie den Arbeitsbereich beschreibbar.",
    "errors.run.busy_waited": "In diesem Arbeitsbereich läuft bereits ein anderer icplab-Lauf "
    "({who}), und er ist nicht innerhalb von {wait:,g} s fertig geworden; es wurde nichts "
    "ausgeführt. Versuchen Sie es später erneut oder geben Sie ein längeres --wait SEKUNDEN an.",
    "errors.run.busy": "In diesem Arbeitsbereich läuft bereits ein anderer icplab-Lauf ({who}); "
    "es wurde nichts ausgeführt. Versuchen Sie es erneut, wenn er fertig ist, oder warten Sie "
    "mit --wait SEKUNDEN auf ihn.",
    "errors.run.pid": "PID {pid}",
    "errors.run.no_pid": "PID unbekannt",
    "errors.run.holder_started": "{pid}, gestartet um {time}",
    "errors.run.waiting": "In diesem Arbeitsbereich läuft bereits ein anderer icplab-Lauf "
    "({who}); es wird bis zu {wait:,g} s gewartet ...",
    "errors.run.stopped": "abgebrochen: nichts Neues wurde veröffentlicht",
    "errors.run.cannot_publish": "In {folder}/ kann nicht geschrieben werden ({reason}): "
    "{where}. Machen Sie den Ordner beschreibbar oder setzen Sie [workspace] reports in "
    "icplab.toml auf einen Ordner, in den Sie schreiben können; es wurde nichts Neues "
    "veröffentlicht.",
    "errors.run.jobs": "--jobs muss mindestens 1 sein, angegeben ist {value}.",
    "errors.run.timeout": "--timeout muss positiv sein, angegeben ist {value}.",
    "errors.run.wait": "--wait muss 0 oder mehr Sekunden sein, angegeben ist {value}.",
    "errors.run.cannot_copy_config": "{path} kann für den Lauf nicht kopiert werden ({reason}). "
    "Machen Sie den Arbeitsbereich beschreibbar.",
    "errors.run.no_data": "{path}: Datendatei nicht gefunden. Geben Sie --data PFAD an oder "
    "setzen Sie [workspace] data in icplab.toml.",
    "errors.run.cannot_copy_data": "{source}: Die Kopie der Daten für den Lauf kann nicht "
    "angelegt werden ({reason}). Prüfen Sie, ob die Datei lesbar und der Arbeitsbereich "
    "beschreibbar ist.",
    "errors.run.cannot_write_copy": "Die Kopie der Daten für den Lauf kann nicht in {folder} "
    "geschrieben werden ({reason}). Machen Sie den Arbeitsbereich beschreibbar.",
    # Berichtsparameter (icplab/report/)
    "errors.report.contacts": "Der Berichtsparameter 'contacts' muss mindestens 1 sein, "
    "angegeben ist {value}.",
    "errors.report.tolerance": "Der Berichtsparameter 'tolerance' muss zwischen 0 und 1 liegen, "
    "angegeben ist {value}.",
    # warum eine JSON-Datei oder ein Text nicht lesbar ist (icplab/core/decode_reason.py)
    "errors.json.at": "{what}: Zeile {line}, Spalte {column} (Zeichen {pos})",
    "errors.json.value": "ein Wert fehlt",
    "errors.json.property_name": "ein Eigenschaftsname in doppelten Anführungszeichen fehlt",
    "errors.json.colon": "':' fehlt",
    "errors.json.comma": "',' fehlt",
    "errors.json.unterminated": "Zeichenkette nicht abgeschlossen, beginnt bei",
    "errors.json.control": "unzulässiges Steuerzeichen bei",
    "errors.json.escape": "ungültige Maskierung mit '\\'",
    "errors.json.unicode_escape": "ungültige Maskierung \\uXXXX",
    "errors.json.extra": "nach dem Ende des JSON-Dokuments folgt noch Text",
    "errors.json.trailing_comma": "überzähliges Komma vor dem Ende des Objekts",
    "errors.json.trailing_comma_array": "überzähliges Komma vor dem Ende der Liste",
    "errors.json.too_deep": "Listen oder Objekte sind zu tief verschachtelt",
    "errors.json.not_a_file": "keine gewöhnliche Datei",
    "errors.json.too_large": "größer als {limit} MB",
    "errors.json.no_metrics": "kein Objekt 'metrics'",
    "errors.json.metric_not_object": "eine Kennzahl ist kein Objekt",
    "errors.utf8.byte": "Byte {byte} an Position {position} ist kein UTF-8: {reason}",
    "errors.utf8.bytes": "Bytes an Position {start} bis {end} sind kein UTF-8: {reason}",
    "errors.utf8.start": "ungültiges Startbyte",
    "errors.utf8.continuation": "ungültiges Folgebyte",
    "errors.utf8.end": "unerwartetes Ende der Daten",
    # die Werte einer geänderten Kennzahl-Definition (icplab/icp/lock.py)
    "errors.lock.none": "keiner",
    "errors.lock.number": "{value:,g}",
    "errors.lock.definition": "{numerator}/{denominator} >= {target}",
    "errors.lock.default_bands": "Standard-Größenklassen ({bands:list})",
    "errors.lock.own_column": "aus der gleichnamigen Spalte der Datei gelesen (kein Eintrag in [columns])",
    # ein Bericht, der im Lauf gescheitert ist (icplab/batch/execute.py)
    "errors.run.summary_outside": "nicht ausgeführt: sein summary_path zeigt aus seinem "
    "Laufordner in reports/ hinaus",
    "errors.run.batch_stopped": "nicht ausgeführt: der Lauf wurde angehalten",
    "errors.run.worker_stopped": "der Arbeitsprozess hat aufgehört (siehe {log} im Laufordner)",
    "errors.run.cell_failed": "{error} (Zelle {cell})",
    "errors.run.timed_out": "Zeitüberschreitung: eine Zelle lief länger als {timeout:,g} s "
    "({detail})",
    "errors.run.no_html": "HTML ließ sich nicht erzeugen: {detail}",
    "errors.run.no_summary": "das Notebook lief durch, schrieb aber keine Zusammenfassung "
    "(rufen Sie params.finish(...) zuletzt auf)",
    "errors.run.bad_summary": "die Zusammenfassung (JSON) ist nicht lesbar: {detail}",
}
