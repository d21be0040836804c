"""German messages of the data layer (code -> ``str.format`` template); the codes and
fields are those of :mod:`icplab.core.catalogue.data_en`."""

MESSAGES: dict[str, str] = {
    # Bausteine
    "data_row.found": " (gefunden: {values}{more})",
    "data_row.and": "{a} und {b}",
    "data_row.company_size": "Unternehmensgröße",
    "data_row.column_prefix": "Spalte {column}: ",
    # Zellen einer Spalte
    "data_row.gender_hint": " Herr/Frau ist die Anrede nach Geschlecht, nicht die Ansprache "
    "(Du/Sie): ordnen Sie salutation unter [columns] in icplab.toml der Spalte zu, die du oder "
    "sie enthält.",
    "data_row.salutation_bad": "muss 'du' oder 'sie' sein{found}.{hint}",
    "data_row.amount_bad": "muss ein Betrag in EUR >= 0 sein{found}. Schreiben Sie z. B. "
    "1.234,56 oder 1234,56 (deutsch) bzw. 1,234.56 (englisch), eine Schreibweise je Datei.",
    "data_row.amount_ambiguous": "mehrdeutiger Betrag{found}: mit Dezimalkomma sind es "
    "Tausender, mit Dezimalpunkt drei Nachkommastellen, und kein anderer Betrag der Datei "
    "entscheidet es. Schreiben Sie die Cent mit (1.500,00 oder 1,500.00) oder kein "
    "Trennzeichen (1500).",
    "data_row.blank_strict": "fehlender Wert ([load] strict = true). Tragen Sie für jeden "
    "Kontakt {what} ein, oder nehmen Sie strict heraus, um solche Zeilen zu behalten (sie "
    "fehlen dann nur dort, wo {what} bewertet wird).",
    "data_row.employees_phone": "die Werte sehen nach Telefonnummern aus, nicht nach "
    "Mitarbeiterzahlen: die Spalte ist personenbezogen und wird nicht gelesen (kein Wert wird "
    "gezeigt). Ordnen Sie employees unter [columns] der Spalte mit der Mitarbeiterzahl oder "
    "Größenklasse (z. B. 51-200) zu.",
    "data_row.employees_bad": "muss eine ganze Zahl >= 1 oder ein Bereich wie 51-200 oder "
    "10000+ sein{found}. Schreiben Sie Mitarbeiterzahlen als 2000, 2.000 oder 2,000 (auf ein "
    "Trennzeichen folgen drei Ziffern).",
    "data_row.employees_too_large": "eine Mitarbeiterzahl über {limit:,} (nicht gezeigt) ist "
    "keine Unternehmensgröße, sondern eine ID, eine Telefonnummer oder eine übergelaufene "
    "Zahl. Ordnen Sie employees der Spalte mit der Mitarbeiterzahl zu, oder korrigieren Sie "
    "diese Zellen.",
    "data_row.straddle": "{label} reicht über {bands}",
    "data_row.ranges_straddle": "ein Größenbereich liegt in mehr als einer eingestellten "
    "Größenklasse ({ranges:items}). Ändern Sie [size_bands] so, dass jeder Bereich des "
    "Exports in einer Klasse liegt (z. B. Grenzen an den unteren Enden der Bereiche), oder "
    "entfernen Sie [size_bands], um die Bereiche des Exports als Klassen zu nutzen.",
    "data_row.ranges_overlap": "Größenbereiche überschneiden sich ({pairs:items}) und können "
    "daher keine Größenklassen sein. Stellen Sie unter [size_bands] Grenzen ein, bei denen "
    "jeder Bereich in einer Klasse liegt.",
    "data_row.date_bad": "kein Datum und keine Uhrzeit{found}. Schreiben Sie z. B. "
    "2026-03-14, 2026-03-14T09:30 oder 14.03.2026 09:30, oder geben Sie die Form der Spalte "
    "als date_format unter [columns] an (docs/input-format.md).",
    "data_row.date_ambiguous": "mehrdeutige Daten{found}: bei Schrägstrichen (03/04/2026) "
    "sind Tag und Monat nicht zu unterscheiden: kein Tag über 12 zeigt die Reihenfolge, "
    "oder die Spalte mischt Schrägstriche mit Punkten. Geben Sie die "
    'Form als date_format unter [columns] an (z. B. "%m/%d/%Y"), oder exportieren Sie '
    "ISO-Daten (2026-03-14).",
    "data_row.id_missing": "fehlender Wert. Jede Zeile braucht eine prospect_id, eindeutig "
    "innerhalb ihrer Kampagne.",
    "data_row.reply_step_bad": "muss eine ganze Zahl >= 1 sein{found}: die Nachricht der "
    "Sequenz, auf die geantwortet wurde (1 = die erste E-Mail).",
    "data_row.bool_bad": "kein Ja/Nein-Wert{found}. Schreiben Sie 1/0, true/false, yes/no, "
    "ja/nein, y/n oder x/leer.",
    "data_row.funnel_order": "Reihenfolge im Trichter verletzt: {later} ist ja, aber "
    "{earlier} ist nein. {later} setzt {earlier} voraus; korrigieren Sie eines der beiden.",
    "data_row.reply_class_bad": "unbekannte Antwortart{found}. Verwenden Sie eine von "
    "{classes:list} (auto: Abwesenheitsnotiz), oder lassen Sie das Feld leer.",
    "data_row.duplicate_id": "{n} prospect_id kommt in derselben Kampagne mehr als einmal vor "
    "(z. B. teilen sich die Zeilen {rows} eine). Jeder Kontakt ist eine Zeile je Kampagne: "
    "fassen Sie die Berührungspunkte in einer Zeile zusammen.",
    "data_row.duplicate_ids": "{n} prospect_ids kommen in derselben Kampagne mehr als einmal "
    "vor (z. B. teilen sich die Zeilen {rows} eine). Jeder Kontakt ist eine Zeile je "
    "Kampagne: fassen Sie die Berührungspunkte in einer Zeile zusammen.",
    "data_row.agg_no_group": "ein aggregiertes Protokoll braucht mindestens eine "
    "Gruppenspalte ({columns:list}).",
    "data_row.agg_blank_strict": "fehlender Wert in einer Gruppenspalte ([load] strict = "
    "true). Tragen Sie {column} in jeder Zeile ein.",
    "data_row.count_missing": "fehlende Anzahl. Schreiben Sie 0, wo nichts geschah.",
    "data_row.count_bad": "Anzahlen müssen ganze Zahlen >= 0 sein{found}.",
    "data_row.count_order": "{part} ist größer als {whole}. Die Anzahlen müssen deal <= "
    "qualified <= meeting <= contacted und replied <= contacted erfüllen.",
    "data_row.long_cell": "{prefix}eine Zelle mit mehr als {limit:,} Zeichen (nicht gezeigt). "
    "Ein solcher Wert ist weder Bezeichnung noch Zahl eines Outreach-Protokolls: prüfen Sie "
    "den Export.",
    "data_row.column_empty": "die Spalte ist in jeder Zeile leer. Füllen Sie sie aus, oder "
    "ordnen Sie unter [columns] in icplab.toml die Spalte zu, die die Werte enthält.",
    "data_row.column_missing": "Pflichtspalte fehlt in der Kopfzeile. {what}",
    # die Datei und ihre Kopfzeile
    "data_file.empty": "die Datei ist leer.",
    "data_file.no_rows": "die Datei hat eine Kopfzeile, aber keine Datenzeilen. Exportieren "
    "Sie mindestens einen Kontakt.",
    "data_file.header_has_email": "sie enthält eine E-Mail-Adresse",
    "data_file.header_has_url": "sie enthält eine Webadresse",
    "data_file.header_has_phone": "sie enthält eine Telefonnummer",
    "data_file.header_has_numbers": "sie enthält Zahlen oder Daten, wo Spaltennamen stehen sollten",
    "data_file.no_header": "die erste Zeile sieht nach Daten aus, nicht nach einer Kopfzeile "
    "({reason}); fügen Sie eine Kopfzeile hinzu. Ein Protokoll mit einer Zeile je Kontakt "
    "beginnt mit einer Zeile von Spaltennamen wie prospect_id, industry, employees, replied, "
    "meeting (siehe docs/input-format.md).",
    "data_file.header_at": "'{header}' (Spalte {at})",
    "data_file.both_mean": "{headers} bedeuten beide {column}",
    "data_file.same_meaning": "die Kopfzeile hat Spalten gleicher Bedeutung: {items:items}. "
    "Behalten Sie je eine (löschen oder benennen Sie die andere um), damit kein Wert aus der "
    "falschen Spalte gelesen wird.",
    "data_file.all_mean": "{headers} bedeuten alle '{column}'",
    "data_file.same_header": "die Kopfzeile hat Spalten gleicher Bedeutung: {items:items}. "
    "Behalten Sie je eine.",
    "data_file.maybe": "{column}: vielleicht {headers}",
    "data_file.preset_looks_for": "{column}: die Vorlage sucht {headers}",
    "data_file.and_more": "{listed} und {more} weitere",
    "data_file.needs_counts": "Ein aggregiertes Protokoll braucht die Zählspalten contacted "
    "und replied (meeting, qualified und deal sind optional).",
    "data_file.needs_counts_beside_groups": "Ein aggregiertes Protokoll braucht neben seinen "
    "Gruppenspalten die Zählspalten contacted und replied (meeting, qualified und deal sind "
    "optional).",
    "data_file.needs_rows": "Ein Protokoll mit einer Zeile je Kontakt braucht industry "
    "(Branche), die Unternehmensgröße (employees als Zahl oder Bereich wie 51-200, oder "
    "size_band) und replied; prospect_id, messaging, salutation und meeting sind optional "
    "(die deutschen Spaltennamen Branche, Mitarbeiter, Antwort werden erkannt); ein "
    "aggregiertes Protokoll braucht eine Zählspalte 'contacted'.",
    "data_file.try_preset": "Das sieht nach einem Export aus {tool} aus: versuchen Sie "
    '--preset {preset} (oder preset = "{preset}" unter [columns] in icplab.toml).',
    "data_file.map_headers": "Ordnen Sie die Spalten der Datei unter [columns] in "
    "icplab.toml diesen Spalten zu (icplab validate DATEI --suggest-mapping entwirft das), "
    "oder wählen Sie ein --preset (docs/presets.md).",
    "data_file.close_matches": " Ähnliche Spalten: {items:items}.",
    "data_file.required_missing": "Pflichtspalte fehlt: {columns:list}. {what} Die Spalten "
    "der Datei: {headers}.{close} {fix}",
    "data_file.required_missing_many": "Pflichtspalten fehlen: {columns:list}. {what} Die "
    "Spalten der Datei: {headers}.{close} {fix}",
}

MESSAGES.update(
    {
        # die Datei lesen (limits.py, read.py, csvtext.py)
        "data_file.not_found": "Datei nicht gefunden. Prüfen Sie den Pfad.",
        "data_file.unreadable": "kann nicht gelesen werden ({detail}).",
        "data_file.folder": "ist ein Ordner; geben Sie den Pfad einer Datei an.",
        "data_file.not_regular": "ist keine gewöhnliche Datei (ein Gerät, eine Pipe oder ein "
        "Socket). Geben Sie den Pfad einer exportierten .csv-, .xlsx- oder .parquet-Datei an.",
        "data_file.too_large": "ist zu groß für den freien Arbeitsspeicher dieses Rechners "
        "({mb:,.0f} MB; höchstens {most:,.0f} MB lassen sich lesen). Exportieren Sie weniger "
        "Zeilen oder Spalten (z. B. eine Kampagne oder ein Quartal je Datei), oder nutzen Sie "
        "Parquet.",
        "data_file.xlsx_strings": "ihre gemeinsamen Zeichenketten (der Text der Arbeitsmappe)",
        "data_file.xlsx_sheets": "ihre Tabellenblätter",
        "data_file.xlsx_too_large": "wird ungelesen abgelehnt: {what} entpacken sich auf "
        "{mb:,.0f} MB, mehr als ein Outreach-Protokoll enthält (höchstens {most:,.0f} MB je "
        "Teil). Suchen Sie nach einer riesigen Zelle, oder exportieren Sie das Protokoll als CSV.",
        "data_file.too_many_columns": "hat {n:,} Spalten, mehr als {most:,}: das ist kein "
        "Outreach-Protokoll (oder das Trennzeichen ist falsch). Exportieren Sie nur die "
        "Spalten, die Sie brauchen.",
        "data_file.empty_export": "die Datei ist leer. Exportieren Sie das Protokoll mit einer "
        "Kopfzeile und einer Zeile je Kontakt.",
        "data_file.bad_utf16": "beginnt wie UTF-16/UTF-32-Text (eine Byte-Order-Markierung), "
        "lässt sich aber nicht so dekodieren. Exportieren Sie sie erneut als CSV UTF-8.",
        "data_file.kind_zip": "ein ZIP-Archiv (eine Excel-Arbeitsmappe .xlsx ist eines)",
        "data_file.kind_xls": "eine alte Excel-Arbeitsmappe (.xls)",
        "data_file.kind_parquet": "eine Parquet-Datei",
        "data_file.kind_gzip": "ein gzip-Archiv",
        "data_file.kind_pdf": "ein PDF-Dokument",
        "data_file.kind_png": "ein PNG-Bild",
        "data_file.kind_binary": "Binärdaten",
        "data_file.kind_lists": "Listen",
        "data_file.kind_structs": "Strukturen",
        "data_file.kind_maps": "Zuordnungen",
        "data_file.kind_nested": "verschachtelte Werte",
        "data_file.not_text": "ist keine Textdatei (CSV): sie enthält {kind}. Exportieren Sie "
        "das Protokoll als CSV (UTF-8), oder geben Sie einer Excel-Arbeitsmappe die Endung "
        ".xlsx und einer Parquet-Datei .parquet.",
        "data_file.header_unreadable": "die Kopfzeile lässt sich nicht als CSV lesen ({detail}).",
        "data_file.csv_unreadable": "lässt sich nicht als CSV lesen. Prüfen Sie, dass jede "
        "Zeile so viele Felder hat wie die Kopfzeile und alle Anführungszeichen geschlossen sind.",
        "data_file.csv_unreadable_at": "lässt sich nicht als CSV lesen ({detail}), in Zeile "
        "{line}.",
        "data_file.quote_never_closed": "offenes Anführungszeichen: in Zeile {line} öffnet ein "
        "Anführungszeichen, das nie geschlossen wird, sodass jede folgende Zeile als ein Wert "
        "gelesen würde. Schließen Sie es, oder entfernen Sie das überzählige '\"' (innerhalb "
        'eines Werts in Anführungszeichen verdoppelt schreiben: "").',
        "data_file.quote_opens": "in Zeile {a} öffnet ein Anführungszeichen und ",
        "data_file.quote_closes_late": "in Zeile {a} öffnet ein Anführungszeichen, das erst in "
        "Zeile {b} schließt",
        "data_file.quote_swallows": "offenes Anführungszeichen: {spans:items}, sodass die Zeilen "
        "dazwischen als ein Wert gelesen wurden (ganze Zeilen gingen verloren). Schließen Sie "
        "es, oder entfernen Sie das überzählige '\"' (innerhalb eines Werts in "
        'Anführungszeichen verdoppelt schreiben: "").',
        "data_file.line_has": "Zeile {line} hat {k}",
        "data_file.more_lines": " und {n} weitere Zeilen",
        "data_file.ragged": "Zeilen mit einer anderen Zahl von Feldern als die Kopfzeile "
        "({fields} Felder): {lines:list}{more} (Zeilen der Datei, die Kopfzeile ist Zeile {header}). "
        "Ein '{sep}' in einem Wert verschiebt jede folgende Spalte, ein fehlendes lässt den "
        "letzten Wert fallen: setzen Sie solche Werte in Anführungszeichen, oder ergänzen Sie "
        "das fehlende '{sep}'.",
        "data_file.parquet_unreadable": "lässt sich nicht als Parquet lesen ({detail}).",
        "data_file.nested_column": "Spalte {column} enthält {kind}, nicht einen Wert je Zelle. "
        "Schreiben Sie sie als Text, Zahlen oder Ja/Nein.",
        "data_file.xlsx_unreadable": "lässt sich nicht als Excel-Arbeitsmappe lesen ({detail}).",
        "data_file.sheets_alike": "die Arbeitsmappe enthält das Protokoll auf mehreren Blättern "
        "mit denselben Kopfzeilen (Blätter {sheets:list}); ein Protokoll wird von einem Blatt "
        "gelesen. Setzen Sie die Zeilen auf ein Blatt, oder speichern Sie jedes Blatt als "
        "eigene Datei.",
        "data_file.unknown_type": "unbekannter Dateityp '{suffix}'. Verwenden Sie .csv, "
        ".parquet oder .xlsx.",
    }
)

MESSAGES.update(
    {
        # die Zuordnung [columns] (mapping.py, mapping_rules.py)
        "data_map.did_you_mean": " Meinten Sie '{name}'?",
        "data_map.did_you_mean_paren": " (meinten Sie '{name}'?)",
        "data_map.not_table": "{where}: [columns] {column} muss ein Spaltenname oder eine "
        'Tabelle mit \'from\' sein, z. B. {column} = {{ from = "Status", in = ["Replied"] }}.',
        "data_map.unknown_key": "{where}: [columns] {column}: unbekannter Schlüssel "
        "'{key}'.{hint} Schlüssel eines Eintrags: {allowed:list}.",
        "data_map.from_header": "{where}: [columns] {column}: 'from' muss die Spalte der Datei "
        'nennen, z. B. from = "Status".',
        "data_map.json_key": "{where}: [columns] {column}: json muss einen Schlüssel des "
        'JSON-Objekts nennen, z. B. json = "Branche".',
        "data_map.date_format": "{where}: [columns] {column}: date_format muss ein "
        'strptime-Format sein, z. B. date_format = "%d.%m.%Y %H:%M".',
        "data_map.one_kind": "{where}: [columns] {column}: geben Sie eines von {kinds:list} "
        "an, nicht {given}.",
        "data_map.map_table": "{where}: [columns] {column}: map muss eine Tabelle sein, z. B. "
        'map = {{ "Du" = "du" }}.',
        "data_map.in_list": "{where}: [columns] {column}: in muss eine Liste sein, z. B. in = "
        '["Replied", "Interested"].',
        "data_map.not_empty_true": "{where}: [columns] {column}: schreiben Sie not_empty = "
        "true (wahr, wenn die Zelle einen Wert hat).",
        "data_map.min_number": "{where}: [columns] {column}: min muss eine Zahl >= 0 sein, "
        "z. B. min = 1 (wahr ab der ersten Antwort).",
        "data_map.pattern_invalid": "{where}: [columns] {column}: pattern ist kein gültiger "
        "regulärer Ausdruck ({detail}).",
        "data_map.pattern_group": "{where}: [columns] {column}: pattern braucht eine Gruppe in "
        'Klammern für den Wert, z. B. pattern = "(zeitersparnis|fehlerrate)".',
        "data_map.not_json": 'ist kein JSON-Objekt (wie {{"Branche": "IT"}}). Exportieren Sie '
        "die benutzerdefinierten Felder erneut, oder entfernen Sie den Schlüssel json aus dem "
        "Eintrag.",
        "data_map.never_occurs": "[columns] {column} nennt {values}, das in dieser Spalte nie "
        "vorkommt (ein Tippfehler ließe stillschweigend Zeilen fallen). Vorkommende Werte: "
        "{found}. Korrigieren Sie die Liste {kind} in icplab.toml.",
        "data_map.never_occur": "[columns] {column} nennt {values}, die in dieser Spalte nie "
        "vorkommen (ein Tippfehler ließe stillschweigend Zeilen fallen). Vorkommende Werte: "
        "{found}. Korrigieren Sie die Liste {kind} in icplab.toml.",
        "data_map.preset_values_absent": "keiner der Werte der Vorlage für {column} ({preset}) "
        "kommt in dieser Spalte vor; ihre eigenen Werte sind {found}. Geben Sie in icplab.toml "
        "an, welche davon {column} bedeuten, z. B. {column} = {{ from = {header}, in = "
        "[{first}] }} (icplab validate DATEI --suggest-mapping entwirft das).",
        "data_map.not_count": "ist keine Anzahl (keine ganze Zahl); [columns] {column} liest "
        "sie mit min = {min}. Prüfen Sie die Spalte, oder ordnen Sie eine andere zu.",
        "data_map.date_mismatch": "passt nicht zu date_format = {format} von [columns] "
        "{column}. Korrigieren Sie das Format (strptime-Codes von Python) oder die Zellen.",
        "data_map.unknown_preset": "{where}: unbekannte Spaltenvorlage '{name}'.{hint} "
        "Bekannte Vorlagen: {presets:list} (siehe docs/presets.md).",
        "data_map.not_a_column": "{where}: [columns] '{column}' ist keine Spalte des "
        "Outreach-Protokolls{hint}.",
        "data_map.close_headers": " Ähnliche Spalten: {headers}.",
        "data_map.header_absent": "[columns] liest sie aus '{header}', aber die Kopfzeile hat "
        "keine solche Spalte.{hint} Korrigieren Sie den Spaltennamen in icplab.toml.",
        "data_map.at_column": "Spalte {at}",
        "data_map.in_file": "in der Datei",
        "data_map.shadowed": "die Datei hat eine Spalte '{header}' ({at}), und [columns] liest "
        "{column} aus '{mapped}' ({mapped_at}): beide ergäben {column}. Entfernen oder "
        "benennen Sie eine der beiden Spalten um, oder streichen Sie den Eintrag {column} "
        "unter [columns] in icplab.toml.",
    }
)

MESSAGES.update(
    {
        # Filter und Gruppen (counts.py, maturity.py)
        "data_filter.no_column": "Dieses Log hat keine Spalte '{column}' (sie ist im Export "
        "freiwillig), daher lässt sich danach nichts beurteilen. Nehmen Sie sie in den Export "
        "auf oder ordnen Sie sie unter [columns] in icplab.toml zu (docs/input-format.md).",
        "data_filter.no_group_column": "Gruppieren nach {columns} nicht möglich: keine solche "
        "Spalte. Vorhanden: {available:list}.",
        "data_filter.no_group_column_short": "Gruppieren nach '{column}' nicht möglich: keine "
        "solche Spalte.",
        "data_filter.no_filter_column": "Filtern nach '{column}' nicht möglich: keine solche "
        "Spalte. Vorhanden: {available:list}.",
        "data_filter.where_form": "--where '{item}': erwartet wird SPALTE=WERT, z. B. --where "
        "industry=Logistik oder --where employees=50-199.",
        "data_filter.where_both": "--where '{item}': Spalte und Wert werden beide gebraucht.",
        "data_filter.range_reversed": "--where employees={value}: das untere Ende liegt über "
        "dem oberen.",
        "data_filter.range_form": "--where employees={value}: erwartet wird eine "
        "Mitarbeiterzahl oder ein Bereich einschließlich seiner Enden wie 50-199 oder 500+.",
        "data_filter.bands_only": "Filter employees={label}: diese Daten haben Größenklassen, "
        "aber keine Mitarbeiterzahlen; filtern Sie stattdessen nach einer Klasse, z. B. "
        "size_band={bands}.",
        "data_filter.cuts_range": "Filter {column}={value}: seine Grenze schneidet den "
        "Größenbereich {range} der Daten, diese Kontakte liegen also weder innerhalb noch "
        "außerhalb. Filtern Sie nach ganzen Bereichen (z. B. {column}={whole}) oder nach "
        "size_band.",
        "data_filter.no_contacts": "die Daten haben keine Kontakte.",
        "data_filter.no_row": "{column}={value} trifft keine Zeile; {column} reicht in den "
        "Daten von {lo:g} bis {hi:g}.",
        "data_filter.level_count": "{level} ({n:,})",
        "data_filter.more": " und {n} weitere",
        "data_filter.no_level": "{column}={value} trifft keine Ausprägung; die Daten haben: "
        "{levels:list}{more}.",
        "data_filter.then": "{a} {b}",
        "data_filter.none_together": "jeder Filter trifft einige Kontakte, aber kein Kontakt erfüllt "
        "alle zusammen ({filters}).",
        "data_filter.month_needs_sent_at": "--by month braucht eine Spalte sent_at (das Datum "
        "des Erstkontakts); diese Daten haben keine. Gruppieren Sie nach einer anderen Spalte, "
        "z. B. --by industry.",
        "data_filter.as_of_form": "as_of '{as_of}': erwartet wird ein ISO-Datum wie "
        "2026-09-30 (--as-of 2026-09-30).",
        "data_filter.since_needs_sent_at": "{what} hat since = {since}, aber die Daten haben "
        "keine Spalte sent_at, daher lassen sich ihre Kontakte nicht datieren. Nehmen Sie "
        "sent_at in den Export auf oder streichen Sie since.",
    }
)

MESSAGES.update(
    {
        # die Zusammenfassung von icplab validate (summary.py)
        "data_note.form_rows": "zeilenweises",
        "data_note.form_counts": "aggregiertes",
        "data_note.valid": "{source}: gültiges {form} Outreach-Protokoll",
        "data_note.size": "  Zeilen: {rows:,}   Kontakte: {contacts:,}",
        "data_note.campaigns": "  Kampagnen: {campaigns:list}",
        "data_note.sent": "  versandt: {first:date} bis {last:date}",
        "data_note.levels": "  {factor}: {levels:list}",
        "data_note.step": "{step} {n:,}",
        "data_note.step_share": "{step} {n:,} ({share:.1f} %)",
        "data_note.funnel": "  Trichter: {steps:arrows}",
        "data_note.other_columns": "  weitere Spalten (im Speicher für --by/--where, nicht "
        "ausgewertet): {columns:list}",
        "data_note.via_preset": " (Vorlage {preset})",
        "data_note.read_from": "{column} <- {header}",
        "data_note.columns_read": "  aus den Spalten der Datei gelesen{via}: {pairs:list}",
        "data_note.personal_dropped": "  personenbezogene Daten beim Lesen verworfen (nie "
        "gespeichert oder gezeigt): {headers}",
        "data_note.names_suspected": "  WARNUNG: diese Spalten sehen nach Personennamen aus und "
        "wurden nicht als personenbezogen erkannt: {headers}. Deklarieren Sie sie in "
        "icplab.toml: [columns] personal = [{toml}]",
        "data_note.pseudonymised": "  prospect_id-Werte, die E-Mail-Adressen waren, sind durch "
        "stabile Pseudonyme ersetzt",
        "data_note.mark_comma": "Dezimalkomma (deutsche Schreibweise, z. B. 1.234,56)",
        "data_note.mark_point": "Dezimalpunkt (englische Schreibweise, Tausender mit Komma)",
        "data_note.mark_none": "nicht nötig (keine Beträge mit Nachkommastellen)",
        "data_note.decimal_mark": "  Dezimalzeichen der Beträge: {mark}",
        "data_note.own_ranges": "  Größenklassen: die eigenen Bereiche des Exports {bands:list}",
        "data_note.left_out": "  {statement}: in jeder Summe enthalten, ausgelassen, wo {what} "
        "bewertet wird",
        "data_note.line": "  {text}",
        "data_note.foot_row": "  {n} leere oder Summenzeile am Ende des Blatts verworfen",
        "data_note.foot_rows": "  {n} leere oder Summenzeilen am Ende des Blatts verworfen",
        "data_note.no_ids": "  keine Spalte prospect_id: jede Zeile ist ein Kontakt, und "
        "Duplikate lassen sich nicht prüfen",
        "data_note.empty_columns": "  in jeder Zeile leere Spalten, als fehlend behandelt: "
        "{columns:list}",
        "data_note.dropped_columns": "  verworfene Spalten: {columns:list}",
        "data_note.german_dates": "  {column}: deutsche Daten (TT.MM.JJJJ) gelesen",
        "data_note.unvalued_deals": "  deal_value: {n} von {deals} Abschlüssen haben keinen Betrag; "
        "jede Wertangabe (Wert pro Kontakt, mittlerer Auftragswert) zählt sie mit 0 €. Tragen "
        "Sie ihre Beträge nach, damit die Wertangaben stimmen",
        "data_note.unknown_labels": "  {header}: Werte, die das Preset nicht kennt, als "
        "„nein“ gelesen: {values}. Bedeutet einer davon eine Antwort, einen Termin oder "
        "einen Abschluss, ordnen Sie diese Spalte unter [columns] mit einer in-Liste aller "
        "Werte zu, die sie bedeuten, z. B. replied = {{ from = {header}, in = [...] }} "
        "(docs/presets.md)",
        "data_note.month_first_dates": "  {column}: Daten mit Schrägstrichen mit dem Monat "
        "zuerst gelesen (12/31/2025, wie US-Exporte sie schreiben: die Spalte hat an zweiter "
        "Stelle Tage über 12)",
        "data_note.day_first_dates": "  {column}: Daten mit Schrägstrichen mit dem Tag zuerst "
        "gelesen (31/12/2025: die Spalte hat an erster Stelle Tage über 12)",
        "data_note.epoch_dates": "  {column}: Unix-Zeitstempel als UTC-Daten gelesen",
    }
)

MESSAGES.update(
    {
        # Spalten, die einzelne Personen herausgreifen (personal.py)
        "data_filter.id_identifies": "prospect_id kennzeichnet einzelne Personen",
        "data_filter.identifies": "'{column}' kennzeichnet einzelne Personen",
        "data_filter.personal": "'{column}' enthält personenbezogene Daten",
        "data_filter.personal_values": "'{column}' enthält personenbezogene Daten "
        "(E-Mail-Adressen oder Telefonnummern)",
        "data_filter.unique_values": "'{column}' hat in fast jeder Zeile einen anderen Wert: "
        "die Spalte kennzeichnet einzelne Personen",
        "data_filter.refuse_where": "{option} {column}: {reason}; ein Filter danach greift "
        "einzelne Personen heraus. Wählen Sie eine Segmentspalte wie industry, size_band, "
        "messaging oder salutation.",
        "data_filter.refuse_by_id": "{option} {column}: {reason}; eine Gruppierung danach würde "
        "jede ID ausgeben. Wählen Sie eine Segmentspalte wie industry, size_band, messaging "
        "oder salutation.",
        "data_filter.refuse_by_value": "{option} {column}: {reason}; eine Gruppierung danach "
        "würde jeden Wert ausgeben. Wählen Sie eine Segmentspalte wie industry, size_band, "
        "messaging oder salutation.",
    }
)

MESSAGES.update(
    {
        # Kommentare einer entworfenen Tabelle [columns] (suggest.py)
        "data_note.keep_values": "behalten Sie die Werte, die {column} bedeuten",
        "data_note.json_field": "ein benutzerdefiniertes JSON-Feld",
        "data_note.count_column": "eine Zählspalte: wahr ab der ersten Antwort",
        "data_note.variant_cut": "die Variante, aus den Namen herausgeschnitten",
        "data_note.variant_confounded": "Warnung: messaging ist mit industry vermengt (jede "
        "Variante kommt in nur einer Branche vor)",
        "data_note.guessed": "aus dem Spaltennamen geraten: bitte prüfen",
        "data_note.looks_like_sizes": "ihre Werte sehen nach Unternehmensgrößen aus",
        "data_note.preset_cannot": "die Vorlage kann {column} nicht aus {header} lesen:",
        "data_note.preset_reads": "die Vorlage liest {column} aus {header}",
        "data_note.json_keys": "{header} enthält die Schlüssel {keys}: lesen Sie einen mit "
        '{{ from = {toml}, json = "KEY" }}',
    }
)

MESSAGES.update(
    {
        # Wertkennzahlen und as_of (counts.py, maturity.py)
        "data_filter.mean_needs": "ein Mittelwert von '{column}' je '{denominator}' braucht "
        "beide Spalten, aber die Daten haben keine Spalte '{missing}'. Nehmen Sie sie in den "
        "Export auf (deal_value in EUR, leer oder 0 ohne Abschluss).",
        "data_filter.mean_needs_rows": "ein Mittelwert von '{column}' braucht Daten mit einer "
        "Zeile je Kontakt: aggregierte Anzahlen enthalten nur Summen, nicht die Streuung der "
        "Werte. Verwenden Sie den zeilenweisen Export.",
        "data_filter.nothing_sent": "zum {as_of:date} war noch nichts versandt: der erste "
        "Kontakt im Protokoll ging am {first:date} hinaus. Wählen Sie ein späteres --as-of "
        "(oder [workspace] as_of), oder lassen Sie es weg, um die Daten zum heutigen Tag zu "
        "bewerten.",
    }
)

MESSAGES.update(
    {
        # Kommentare des Ausschnitts [columns] (mapping_toml.py)
        "data_note.maybe": " (vielleicht {headers})",
        "data_note.not_recognised": "nicht erkannt{hint}",
    }
)

MESSAGES.update(
    {
        # wegen Typ oder Größe verworfene Spalten (tidy.py, read.py)
        "data_note.dropped_long": "{column} (Zellen mit mehr als {limit:,} Zeichen)",
        "data_note.dropped_kind": "{column} ({kind})",
    }
)
