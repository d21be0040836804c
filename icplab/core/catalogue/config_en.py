"""English messages of the configuration, ``icplab.toml`` (code -> ``str.format`` template)."""

MESSAGES: dict[str, str] = {
    # what a value must be ("... must be {what}")
    "config.what.between": "a number between {lo:g} and {hi:g}",
    "config.what.positive": "a positive number",
    "config.what.number": "a number",
    "config.what.whole": "a whole number >= {lo}",
    "config.what.one_of": "one of {choices:list}",
    "config.what.nonempty": "a non-empty string",
    "config.what.string": "a string",
    "config.what.flag": "true or false",
    "config.what.true": "true",
    "config.what.date": "an ISO date such as 2026-09-30",
    "config.what.header": "a header name or a table with from",
    "config.what.headers": "a list of header names",
    "config.what.from": "a header name or a list of header names",
    "config.what.map": "a table of file value = log value",
    "config.what.in": "a list of values",
    "config.what.min": "a number >= 0 (a count column is true at >= min)",
    "config.what.where": "a table of column = value or list of values",
    "config.what.shares": "a table of level = share (numbers >= 0)",
    "config.what.edges": "a list of increasing whole numbers >= 1",
    "config.what.eur": "an amount in EUR >= 0",
    "config.what.share": "a share above 0 and at most 1",
    "config.what.bands": "a table of step = [low, high]",
    "config.what.array": "an array of tables",
    "config.what.table": "a table",
    "config.or": "{first} or {second}",
    "config.got_table": "a table",
    # problems of keys and values
    "config.must_be": "{label} must be {what} (e.g. {key} = {example}), got {got}",
    "config.must_be_shape": "{label} must be {what}, got {got}",
    "config.not_array": "[[{path}]] must be an array of tables ([[{path}]] entries), got {got}",
    "config.unknown_table": "unknown table [{table}]{hint}. Known tables: {known:list}",
    "config.unknown_keys": "unknown keys in {label}: {keys:list}{hint}. Allowed: {allowed:list}",
    "config.hint_table": " (did you mean '[{match}]'?)",
    "config.hint_key": " (did you mean '{match}'?)",
    "config.one_problem": "{where}: {problem}. Fix it in {file}.",
    "config.problems": "{where}: {count} problems; fix them in {file}:\n{lines}",
    "config.lines": "  - {problem}\n{rest}",
    "config.line": "  - {problem}",
    # the file
    "config.not_found": "{where}: config file not found. Create one with 'icplab init'.",
    "config.not_utf8": "{where}: not UTF-8 text ({detail}).",
    "config.not_toml": "{where}: not valid TOML: {detail}",
    # tables whose entries depend on each other
    "config.bands_both": "{where}: [size_bands] takes either edges (e.g. edges = [1, 50, 200, "
    '500]) or preset = "default" / "playbook", not both.',
    "config.theses_unique": "{where}: thesis names must be unique; repeated: {names:list}.",
    "config.no_thesis": "{where}: no thesis named '{name}' (known theses: {known}). Add it as "
    "a [[theses]] entry with name, statement and where.",
    "config.no_theses": "none defined",
    "config.thesis_needs": "{where}: thesis #{number} needs name, statement and where, e.g. "
    'where = {{ industry = ["Logistik"], employees = [50, 199] }}.',
    "config.report_needs": "{where}: [[reports]] entry #{number} needs a notebook name.",
    "config.metric_needs": "{where}: [metrics.{name}] needs numerator, denominator and target "
    '(missing {missing:list}), e.g. numerator = "meeting", denominator = "contacted", '
    "target = 0.1.",
    "config.metric_problem": "{where}: [metrics.{name}] {detail}.",
    "config.funnel_keys": "{where}: [funnel] takes one key, bands, e.g. bands = {{ deal = "
    "[0.15, 0.25], pipeline = [0.20, 0.30] }}.",
    "config.funnel_table": "{where}: [funnel] bands must be a table of [low, high] pairs.",
    "config.funnel_step": "{where}: [funnel] bands: unknown step '{step}'; known: {known:list}.",
    "config.funnel_band": "{where}: [funnel] bands.{step} must be [low, high] rates between 0 "
    "and 1, e.g. {step} = [0.15, 0.25]; got {got}.",
    "config.bad_date": "{what}: expected an ISO date such as 2026-09-30, got {got}.",
    "config.range_order": "{where}: range for '{column}' has lo > hi: {got}.",
    "config.thesis_where": "{where}: thesis '{name}'",
    "config.thesis_since": "{where}: thesis '{name}': since",
}
