"""Deutsche Meldungen zur Konfiguration, ``icplab.toml`` (Code -> ``str.format``-Vorlage)."""

MESSAGES: dict[str, str] = {
    # was ein Wert sein muss ("... muss {what} sein")
    "config.what.between": "eine Zahl zwischen {lo:g} und {hi:g}",
    "config.what.positive": "eine positive Zahl",
    "config.what.number": "eine Zahl",
    "config.what.whole": "eine ganze Zahl >= {lo}",
    "config.what.one_of": "einer der Werte {choices:list}",
    "config.what.nonempty": "ein nicht leerer Text",
    "config.what.string": "ein Text",
    "config.what.flag": "true oder false",
    "config.what.true": "true",
    "config.what.date": "ein ISO-Datum wie 2026-09-30",
    "config.what.header": "ein Spaltenname oder eine Tabelle mit from",
    "config.what.headers": "eine Liste von Spaltennamen",
    "config.what.from": "ein Spaltenname oder eine Liste von Spaltennamen",
    "config.what.map": "eine Tabelle Dateiwert = Log-Wert",
    "config.what.in": "eine Liste von Werten",
    "config.what.min": "eine Zahl >= 0 (eine Zählspalte ist ab min wahr)",
    "config.what.where": "eine Tabelle Spalte = Wert oder Liste von Werten",
    "config.what.shares": "eine Tabelle Ausprägung = Anteil (Zahlen >= 0)",
    "config.what.edges": "eine Liste aufsteigender ganzer Zahlen >= 1",
    "config.what.eur": "ein Betrag in EUR >= 0",
    "config.what.share": "ein Anteil über 0 und höchstens 1",
    "config.what.bands": "eine Tabelle Schritt = [untere, obere Grenze]",
    "config.what.array": "eine Liste von Tabellen",
    "config.what.table": "eine Tabelle",
    "config.or": "{first} oder {second}",
    "config.got_table": "eine Tabelle",
    # Probleme mit Schlüsseln und Werten
    "config.must_be": "{label} muss {what} sein (z. B. {key} = {example}), ist aber {got}",
    "config.must_be_shape": "{label} muss {what} sein, ist aber {got}",
    "config.not_array": "[[{path}]] muss eine Liste von Tabellen sein ([[{path}]]-Einträge), "
    "ist aber {got}",
    "config.unknown_table": "unbekannte Tabelle [{table}]{hint}. Bekannte Tabellen: {known:list}",
    "config.unknown_keys": "unbekannte Schlüssel in {label}: {keys:list}{hint}. Erlaubt: "
    "{allowed:list}",
    "config.hint_table": " (meinten Sie '[{match}]'?)",
    "config.hint_key": " (meinten Sie '{match}'?)",
    "config.one_problem": "{where}: {problem}. Bitte in {file} korrigieren.",
    "config.problems": "{where}: {count} Probleme; bitte in {file} korrigieren:\n{lines}",
    "config.lines": "  - {problem}\n{rest}",
    "config.line": "  - {problem}",
    # die Datei
    "config.not_found": "{where}: Konfigurationsdatei nicht gefunden. Legen Sie eine mit "
    "'icplab init' an.",
    "config.not_a_file": "{where}: keine gewöhnliche Datei (ein Gerät oder eine Pipe kann keine "
    "Konfigurationsdatei sein). Geben Sie den Pfad von icplab.toml an.",
    "config.too_large": "{where}: größer als {limit} MB, zu groß für eine Konfigurationsdatei. "
    "Geben Sie den Pfad von icplab.toml an.",
    "config.not_utf8": "{where}: kein UTF-8-Text ({detail}).",
    "config.not_toml": "{where}: kein gültiges TOML: {detail}",
    # die Gründe des TOML-Parsers (icplab/core/toml_reason.py)
    "config.toml.at": "{what} (Zeile {line}, Spalte {column})",
    "config.toml.at_end": "{what} (am Ende der Datei)",
    "config.toml.too_deep": "Listen oder Tabellen sind zu tief verschachtelt",
    "config.toml.overwrite": "ein Wert kann nicht überschrieben werden",
    "config.toml.unescaped": "ein '\\' in einer Zeichenkette ist nicht maskiert",
    "config.toml.unterminated": "Zeichenkette nicht abgeschlossen",
    "config.toml.unclosed_table": "Inline-Tabelle nicht geschlossen",
    "config.toml.unclosed_array": "Liste nicht geschlossen",
    "config.toml.invalid_value": "ungültiger Wert",
    "config.toml.invalid_statement": "ungültige Anweisung",
    "config.toml.invalid_key": "ungültiges erstes Zeichen eines Schlüssels",
    "config.toml.invalid_hex": "ungültiger Hexadezimalwert",
    "config.toml.invalid_date": "ungültiges Datum oder ungültige Uhrzeit",
    "config.toml.expected_array_end": "']]' fehlt am Ende der Überschrift einer Tabellenliste",
    "config.toml.expected_table_end": "']' fehlt am Ende der Tabellenüberschrift",
    "config.toml.expected_equals": "'=' fehlt nach dem Schlüssel",
    "config.toml.expected_newline": "nach einer Angabe muss eine neue Zeile oder das Dateiende folgen",
    "config.toml.not_scalar": "das maskierte Zeichen ist kein gültiges Unicode-Zeichen",
    "config.toml.declared_twice": "{value} ist zweimal angegeben",
    "config.toml.redefined": "der Bereich {value} ist schon festgelegt",
    "config.toml.immutable": "der Bereich {value} kann nicht mehr geändert werden",
    "config.toml.duplicate_key": "Schlüssel {value} kommt in der Inline-Tabelle zweimal vor",
    "config.toml.illegal_character": "unzulässiges Zeichen {value}",
    "config.toml.invalid_character": "ungültiges Zeichen {value}",
    "config.toml.expected": "{value} erwartet",
    # Tabellen, deren Einträge voneinander abhängen
    "config.bands_both": "{where}: [size_bands] nimmt entweder edges (z. B. edges = [1, 50, "
    '200, 500]) oder preset = "default" / "playbook", nicht beides.',
    "config.theses_unique": "{where}: Thesennamen müssen eindeutig sein; mehrfach: {names:list}.",
    "config.no_thesis": "{where}: keine These namens '{name}' (bekannte Thesen: {known}). "
    "Legen Sie sie als [[theses]]-Eintrag mit name, statement und where an.",
    "config.no_theses": "keine definiert",
    "config.thesis_needs": "{where}: These Nr. {number} braucht name, statement und where, "
    'z. B. where = {{ industry = ["Logistik"], employees = [50, 199] }}.',
    "config.report_needs": "{where}: [[reports]]-Eintrag Nr. {number} braucht einen "
    "Notebook-Namen.",
    "config.metric_needs": "{where}: [metrics.{name}] braucht numerator, denominator und "
    'target (es fehlt {missing:list}), z. B. numerator = "meeting", denominator = '
    '"contacted", target = 0.1.',
    "config.metric_problem": "{where}: [metrics.{name}] {detail}.",
    "config.funnel_keys": "{where}: [funnel] kennt einen Schlüssel, bands, z. B. bands = {{ "
    "deal = [0.15, 0.25], pipeline = [0.20, 0.30] }}.",
    "config.funnel_table": "{where}: [funnel] bands muss eine Tabelle von [untere, obere "
    "Grenze]-Paaren sein.",
    "config.funnel_step": "{where}: [funnel] bands: unbekannter Schritt '{step}'; bekannt: "
    "{known:list}.",
    "config.funnel_band": "{where}: [funnel] bands.{step} muss [untere, obere Grenze] als "
    "Quoten zwischen 0 und 1 sein, z. B. {step} = [0.15, 0.25]; ist aber {got}.",
    "config.bad_date": "{what}: erwartet wird ein ISO-Datum wie 2026-09-30, ist aber {got}.",
    "config.range_order": "{where}: Bereich für '{column}' hat lo > hi: {got}.",
    "config.thesis_where": "{where}: These '{name}'",
    "config.thesis_since": "{where}: These '{name}': since",
}
