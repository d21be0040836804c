"""English messages of the data layer: input errors, load notes, mapping and filter
errors (code -> ``str.format`` template; see :mod:`icplab.core.notes`).

``data_row.*`` are problems of a column's cells, ``data_file.*`` of the whole file or its
header, ``data_map.*`` of a ``[columns]`` mapping, ``data_filter.*`` of ``--where`` and
``--by``. The English text is the message as users, scripts and tests know it.
"""

MESSAGES: dict[str, str] = {
    # building blocks
    "data_row.found": " (found {values}{more})",
    "data_row.and": "{a} and {b}",
    "data_row.company_size": "company size",
    "data_row.column_prefix": "column {column}: ",
    # cells of a column
    "data_row.gender_hint": " Herr/Frau (Mr/Ms) is the salutation by gender, not the form of "
    "address: map salutation to the column that says du or sie under [columns] in icplab.toml.",
    "data_row.salutation_bad": "must be 'du' or 'sie'{found}.{hint}",
    "data_row.amount_bad": "must be an amount in EUR >= 0{found}. Write e.g. 1.234,56 or "
    "1234,56 (German) or 1,234.56 (English), one style per file.",
    "data_row.amount_ambiguous": "ambiguous amount{found}: with a decimal comma it is "
    "thousands, with a decimal point it has three decimals, and no other amount in the file "
    "settles which. Write the cents (1.500,00 or 1,500.00) or no separator (1500).",
    "data_row.blank_strict": "missing value ([load] strict = true). Fill in the {what} of "
    "every prospect, or drop strict to keep such rows (they are then left out only where "
    "{what} is judged).",
    "data_row.employees_phone": "the values look like phone numbers, not head counts: the "
    "column is personal data and is not read (no value is shown). Map employees to the column "
    "with the company head count or size range (e.g. 51-200) under [columns].",
    "data_row.employees_bad": "must be a whole number >= 1 or a range such as 51-200 or "
    "10000+{found}. Write head counts as 2000, 2.000 or 2,000 (a separator must be followed "
    "by three digits).",
    "data_row.employees_too_large": "a head count above {limit:,} (not shown) is no company "
    "size: an ID, a phone number or an overflowed number. Map employees to the head-count "
    "column, or correct these cells.",
    "data_row.straddle": "{label} straddles {bands}",
    "data_row.ranges_straddle": "a size range lies in more than one configured size band "
    "({ranges:items}). Change [size_bands] so that every range of the export lies in one band "
    "(e.g. edges at the ranges' lower ends), or remove [size_bands] to use the export's own "
    "ranges as bands.",
    "data_row.ranges_overlap": "size ranges overlap ({pairs:items}), so they cannot be the "
    "size bands. Configure [size_bands] edges in which every range lies in one band.",
    "data_row.date_bad": "not a date or datetime{found}. Use e.g. 2026-03-14, "
    "2026-03-14T09:30 or 14.03.2026 09:30, or give the column's form as date_format under "
    "[columns] (docs/input-format.md).",
    "data_row.date_ambiguous": "ambiguous dates{found}: with slashes (03/04/2026) day and "
    "month cannot be told apart: no day above 12 shows the order, or the column mixes "
    "slashes with dots. Give the form as date_format "
    'under [columns] (e.g. "%m/%d/%Y"), or export ISO dates (2026-03-14).',
    "data_row.id_missing": "missing value. Every row needs a prospect_id, unique within its "
    "campaign.",
    "data_row.reply_step_bad": "must be a whole number >= 1{found}: the message of the "
    "sequence that was answered (1 = the first e-mail).",
    "data_row.bool_bad": "not a yes/no value{found}. Use 1/0, true/false, yes/no, ja/nein, "
    "y/n or x/empty.",
    "data_row.funnel_order": "funnel order broken: {later} is yes but {earlier} is no. A "
    "{later} implies a {earlier}; fix one of the two.",
    "data_row.reply_class_bad": "unknown reply class{found}. Use one of {classes:list} (auto: "
    "out-of-office), or leave it empty.",
    "data_row.duplicate_id": "{n} prospect_id appears more than once in the same campaign "
    "(e.g. rows {rows} share one). Each prospect is one row per campaign: merge the touches "
    "into one row.",
    "data_row.duplicate_ids": "{n} prospect_ids appear more than once in the same campaign "
    "(e.g. rows {rows} share one). Each prospect is one row per campaign: merge the touches "
    "into one row.",
    "data_row.agg_no_group": "an aggregated log needs at least one group column ({columns:list}).",
    "data_row.agg_blank_strict": "missing value in a group column ([load] strict = true). "
    "Fill in the {column} of every row.",
    "data_row.count_missing": "missing count. Write 0 where nothing happened.",
    "data_row.count_bad": "counts must be whole numbers >= 0{found}.",
    "data_row.count_order": "{part} is larger than {whole}. Counts must satisfy deal <= "
    "qualified <= meeting <= contacted and replied <= contacted.",
    "data_row.long_cell": "{prefix}a cell longer than {limit:,} characters (not shown). Such "
    "a value is no label or number of an outreach log: check the export.",
    "data_row.column_empty": "the column is empty in every row. Fill it in, or map the column "
    "that holds it under [columns] in icplab.toml.",
    "data_row.column_missing": "required column is missing from the header. {what}",
    # the file and its header
    "data_file.empty": "the file is empty.",
    "data_file.no_rows": "the file has a header but no data rows. Export at least one prospect.",
    "data_file.header_has_email": "it has an e-mail address",
    "data_file.header_has_url": "it has a web address",
    "data_file.header_has_phone": "it has a phone number",
    "data_file.header_has_numbers": "it has numbers or dates where column names belong",
    "data_file.no_header": "the first line looks like data, not a header ({reason}); add a "
    "header row. A row-level log starts with a line of column names such as prospect_id, "
    "industry, employees, replied, meeting (see docs/input-format.md).",
    "data_file.header_at": "'{header}' (column {at})",
    "data_file.both_mean": "{headers} both mean {column}",
    "data_file.same_meaning": "the header has columns that mean the same: {items:items}. Keep "
    "one of each (delete or rename the other), so no value is read from the wrong column.",
    "data_file.all_mean": "{headers} all mean '{column}'",
    "data_file.same_header": "the header has columns that mean the same: {items:items}. Keep "
    "one of each.",
    "data_file.maybe": "{column}: maybe {headers}",
    "data_file.preset_looks_for": "{column}: the preset looks for {headers}",
    "data_file.and_more": "{listed} and {more} more",
    "data_file.needs_counts": "An aggregated log needs the count columns contacted and "
    "replied (meeting, qualified and deal are optional).",
    "data_file.needs_counts_beside_groups": "An aggregated log needs the count columns "
    "contacted and replied (meeting, qualified and deal are optional) next to its group "
    "columns.",
    "data_file.needs_rows": "A row-level log needs industry, the company size (employees as a "
    "number or a range such as 51-200, or size_band) and replied; prospect_id, messaging, "
    "salutation and meeting are optional (German headers Branche, Mitarbeiter, Antwort are "
    "accepted); an aggregated log needs a 'contacted' count column.",
    "data_file.try_preset": "This looks like an export of {tool}: try --preset {preset} (or "
    'preset = "{preset}" under [columns] in icplab.toml).',
    "data_file.map_headers": "Map the file's headers to these columns under [columns] in "
    "icplab.toml (icplab validate FILE --suggest-mapping drafts it), or pick a --preset "
    "(docs/presets.md).",
    "data_file.close_matches": " Close matches: {items:items}.",
    "data_file.required_missing": "required column missing: {columns:list}. {what} The "
    "file's headers: {headers}.{close} {fix}",
    "data_file.required_missing_many": "required columns missing: {columns:list}. {what} The "
    "file's headers: {headers}.{close} {fix}",
}

MESSAGES.update(
    {
        # reading the file (limits.py, read.py, csvtext.py)
        "data_file.not_found": "file not found. Check the path.",
        "data_file.unreadable": "cannot be read ({detail}).",
        "data_file.folder": "is a folder; give the path of a file.",
        "data_file.not_regular": "is not a regular file (a device, a pipe or a socket). Give "
        "the path of an exported .csv, .xlsx or .parquet file.",
        "data_file.too_large": "is too large for this computer's free memory ({mb:,.0f} MB; at "
        "most {most:,.0f} MB can be read). Export fewer rows or columns (e.g. one campaign or "
        "one quarter per file), or use Parquet.",
        "data_file.xlsx_strings": "its shared strings (the workbook's text)",
        "data_file.xlsx_sheets": "its sheets",
        "data_file.xlsx_too_large": "is refused unread: {what} unpack to {mb:,.0f} MB, more "
        "than a log of outreach holds (at most {most:,.0f} MB per part). Check for a giant "
        "cell, or export the log as CSV.",
        "data_file.too_many_columns": "has {n:,} columns, more than {most:,}: this is no "
        "outreach log (or the delimiter is wrong). Export only the columns you need.",
        "data_file.empty_export": "the file is empty. Export the log with a header row and one "
        "row per prospect.",
        "data_file.bad_utf16": "starts like UTF-16/UTF-32 text (a byte-order mark) but cannot "
        "be decoded as such. Export it again as CSV UTF-8.",
        "data_file.kind_zip": "a zip archive (an Excel .xlsx workbook is one)",
        "data_file.kind_xls": "an old Excel (.xls) workbook",
        "data_file.kind_parquet": "a Parquet file",
        "data_file.kind_gzip": "a gzip archive",
        "data_file.kind_pdf": "a PDF document",
        "data_file.kind_png": "a PNG image",
        "data_file.kind_binary": "binary data",
        "data_file.kind_lists": "lists",
        "data_file.kind_structs": "structs",
        "data_file.kind_maps": "maps",
        "data_file.kind_nested": "nested values",
        "data_file.not_text": "is not a text (CSV) file: it holds {kind}. Export the log as "
        "CSV (UTF-8), or give an Excel workbook the ending .xlsx and a Parquet file .parquet.",
        "data_file.header_unreadable": "the header cannot be read as CSV ({detail}).",
        "data_file.csv_unreadable": "cannot be read as CSV. Check that every row has as many "
        "fields as the header and quotes are closed.",
        "data_file.csv_unreadable_at": "cannot be read as CSV ({detail}) on line {line}.",
        "data_file.quote_never_closed": "unclosed quote: a quote opens on line {line} and is "
        "never closed, so every line after it would be read as one value. Close the quote, or "
        'remove the stray \'"\' (write it doubled, "", inside a quoted value).',
        "data_file.quote_opens": "a quote opens on line {a} and ",
        "data_file.quote_closes_late": "a quote opens on line {a} and closes only on line {b}",
        "data_file.quote_swallows": "unclosed quote: {spans:items}, so the lines between were "
        "read as one value (whole rows would be lost). Close the quote, or remove the stray "
        '\'"\' (write it doubled, "", inside a quoted value).',
        "data_file.line_has": "line {line} has {k}",
        "data_file.more_lines": " and {n} more lines",
        "data_file.ragged": "rows with another number of fields than the header ({fields} "
        "fields): {lines:list}{more} (lines of the file, the header is line {header}). A '{sep}' "
        "inside a value shifts every column after it, a missing one drops the last value: "
        "quote such values, or add the missing '{sep}'.",
        "data_file.parquet_unreadable": "cannot be read as Parquet ({detail}).",
        "data_file.nested_column": "column {column} holds {kind}, not one value per cell. Write "
        "it as text, numbers or yes/no.",
        "data_file.xlsx_unreadable": "cannot be read as an Excel workbook ({detail}).",
        "data_file.sheets_alike": "the workbook holds the log on several sheets with the "
        "same headers (sheets {sheets:list}); one log is read from one sheet. Put the rows "
        "on one sheet, or save each sheet as its own file.",
        "data_file.unknown_type": "unknown file type '{suffix}'. Use .csv, .parquet or .xlsx.",
    }
)

MESSAGES.update(
    {
        # the [columns] mapping (mapping.py, mapping_rules.py)
        "data_map.did_you_mean": " Did you mean '{name}'?",
        "data_map.did_you_mean_paren": " (did you mean '{name}'?)",
        "data_map.not_table": "{where}: [columns] {column} must be a header name or a table "
        'with \'from\', e.g. {column} = {{ from = "Status", in = ["Replied"] }}.',
        "data_map.unknown_key": "{where}: [columns] {column}: unknown key '{key}'.{hint} Keys "
        "of an entry: {allowed:list}.",
        "data_map.from_header": "{where}: [columns] {column}: 'from' must name the file's "
        'header, e.g. from = "Status".',
        "data_map.json_key": "{where}: [columns] {column}: json must name a key of the JSON "
        'object, e.g. json = "Branche".',
        "data_map.date_format": "{where}: [columns] {column}: date_format must be a strptime "
        'format, e.g. date_format = "%d.%m.%Y %H:%M".',
        "data_map.one_kind": "{where}: [columns] {column}: give one of {kinds:list}, not {given}.",
        "data_map.map_table": "{where}: [columns] {column}: map must be a table, e.g. map = "
        '{{ "Du" = "du" }}.',
        "data_map.in_list": "{where}: [columns] {column}: in must be a list, e.g. in = "
        '["Replied", "Interested"].',
        "data_map.not_empty_true": "{where}: [columns] {column}: write not_empty = true (true "
        "when the cell has a value).",
        "data_map.min_number": "{where}: [columns] {column}: min must be a number >= 0, e.g. "
        "min = 1 (true from the first reply).",
        "data_map.pattern_invalid": "{where}: [columns] {column}: pattern is not a valid "
        "regular expression ({detail}).",
        "data_map.pattern_group": "{where}: [columns] {column}: pattern needs a group in "
        'parentheses for the value, e.g. pattern = "(zeitersparnis|fehlerrate)".',
        "data_map.not_json": 'is not a JSON object (such as {{"Branche": "IT"}}). Export the '
        "custom fields again or remove the json key from the entry.",
        "data_map.never_occurs": "[columns] {column} lists {values}, which never occurs in "
        "this column (a typo would silently drop rows). Values that occur: {found}. Fix the "
        "{kind} list in icplab.toml.",
        "data_map.never_occur": "[columns] {column} lists {values}, which never occur in this "
        "column (a typo would silently drop rows). Values that occur: {found}. Fix the {kind} "
        "list in icplab.toml.",
        "data_map.preset_values_absent": "none of the preset's values for {column} ({preset}) "
        "occurs in this column; its own values are {found}. Say which of them mean {column} in "
        "icplab.toml, e.g. {column} = {{ from = {header}, in = [{first}] }} (icplab validate "
        "FILE --suggest-mapping drafts it).",
        "data_map.not_count": "is not a count (a whole number); [columns] {column} reads it "
        "with min = {min}. Check the column or map another one.",
        "data_map.date_mismatch": "does not match date_format = {format} of [columns] "
        "{column}. Fix the format (Python strptime codes) or the cells.",
        "data_map.unknown_preset": "{where}: unknown column preset '{name}'.{hint} Known "
        "presets: {presets:list} (see docs/presets.md).",
        "data_map.not_a_column": "{where}: [columns] '{column}' is not a column of the "
        "outreach log{hint}.",
        "data_map.close_headers": " Close headers: {headers}.",
        "data_map.header_absent": "[columns] maps it from '{header}', but the header has no "
        "such column.{hint} Fix the header name in icplab.toml.",
        "data_map.at_column": "column {at}",
        "data_map.in_file": "in the file",
        "data_map.shadowed": "the file has a column '{header}' ({at}) and [columns] reads "
        "{column} from '{mapped}' ({mapped_at}): both would give {column}. Remove or rename one "
        "of the two columns, or drop the {column} entry of [columns] in icplab.toml.",
    }
)

MESSAGES.update(
    {
        # filters and groups (counts.py, maturity.py)
        "data_filter.no_column": "this log has no '{column}' column (it is optional in the "
        "export), so nothing can be judged by it. Add it to the export or map it under "
        "[columns] in icplab.toml (docs/input-format.md).",
        "data_filter.no_group_column": "cannot group by {columns}: no such column. Available: "
        "{available:list}.",
        "data_filter.no_group_column_short": "cannot group by '{column}': no such column.",
        "data_filter.no_filter_column": "cannot filter on '{column}': no such column. "
        "Available: {available:list}.",
        "data_filter.where_form": "--where '{item}': expected COLUMN=VALUE, e.g. --where "
        "industry=Logistik or --where employees=50-199.",
        "data_filter.where_both": "--where '{item}': both a column and a value are needed.",
        "data_filter.range_reversed": "--where employees={value}: the lower end is above the "
        "upper end.",
        "data_filter.range_form": "--where employees={value}: expected a head count or an "
        "inclusive range such as 50-199 or 500+.",
        "data_filter.bands_only": "filter employees={label}: this data has size bands but no "
        "head counts; filter on a band instead, e.g. size_band={bands}.",
        "data_filter.cuts_range": "filter {column}={value}: its edge cuts through the size "
        "range {range} of the data, so those contacts are neither inside nor outside. Filter "
        "on whole ranges (e.g. {column}={whole}) or on size_band.",
        "data_filter.no_contacts": "the data has no contacts.",
        "data_filter.no_row": "{column}={value} matches no row; {column} in the data runs from "
        "{lo:g} to {hi:g}.",
        "data_filter.level_count": "{level} ({n:,})",
        "data_filter.more": " and {n} more",
        "data_filter.no_level": "{column}={value} matches no level; the data has: "
        "{levels:list}{more}.",
        "data_filter.then": "{a} {b}",
        "data_filter.none_together": "each filter matches some contacts, but none match all of "
        "them together ({filters}).",
        "data_filter.month_needs_sent_at": "--by month needs a sent_at column (the date of the "
        "first touch); this data has none. Group by another column, e.g. --by industry.",
        "data_filter.as_of_form": "as_of '{as_of}': expected an ISO date such as 2026-09-30 "
        "(--as-of 2026-09-30).",
        "data_filter.since_needs_sent_at": "{what} has since = {since}, but the data has no "
        "sent_at column, so its contacts cannot be dated. Add sent_at to the export or drop "
        "since.",
    }
)

MESSAGES.update(
    {
        # the summary of icplab validate (summary.py)
        "data_note.form_rows": "row-level",
        "data_note.form_counts": "aggregated",
        "data_note.valid": "{source}: valid {form} outreach log",
        "data_note.size": "  rows: {rows:,}   contacts: {contacts:,}",
        "data_note.campaigns": "  campaigns: {campaigns:list}",
        "data_note.sent": "  sent: {first:date} to {last:date}",
        "data_note.levels": "  {factor}: {levels:list}",
        "data_note.step": "{step} {n:,}",
        "data_note.step_share": "{step} {n:,} ({share:.1f} %)",
        "data_note.funnel": "  funnel: {steps:arrows}",
        "data_note.other_columns": "  other columns (kept, not analysed): {columns:list}",
        "data_note.via_preset": " (preset {preset})",
        "data_note.read_from": "{column} <- {header}",
        "data_note.columns_read": "  columns read from the file's headers{via}: {pairs:list}",
        "data_note.personal_dropped": "  personal data dropped at read (never stored or "
        "shown): {headers}",
        "data_note.names_suspected": "  WARNING: these columns look like person names and were "
        "not recognised as personal data: {headers}. Declare them in icplab.toml: [columns] "
        "personal = [{toml}]",
        "data_note.pseudonymised": "  prospect IDs that were e-mail addresses are replaced by "
        "stable pseudonyms",
        "data_note.mark_comma": "decimal comma (German style, e.g. 1.234,56)",
        "data_note.mark_point": "decimal point (English style, e.g. 1,234.56)",
        "data_note.mark_none": "not needed (no amounts with decimals)",
        "data_note.decimal_mark": "  decimal mark of amounts: {mark}",
        "data_note.own_ranges": "  size bands: the export's own ranges {bands:list}",
        "data_note.left_out": "  {statement}: kept in every total, left out where {what} is judged",
        "data_note.line": "  {text}",
        "data_note.foot_row": "  {n} blank or totals row at the foot of the sheet dropped",
        "data_note.foot_rows": "  {n} blank or totals rows at the foot of the sheet dropped",
        "data_note.no_ids": "  no prospect_id column: every row is one contact, and duplicates "
        "cannot be checked",
        "data_note.empty_columns": "  columns empty in every row, treated as absent: "
        "{columns:list}",
        "data_note.dropped_columns": "  columns dropped: {columns:list}",
        "data_note.german_dates": "  {column}: German dates (dd.mm.yyyy) read",
        "data_note.unvalued_deals": "  deal_value: {n} of {deals} deals have no amount; every value "
        "figure (value per contact, mean deal value) counts them as 0 EUR. Fill in their amounts "
        "for value figures you can trust",
        "data_note.unknown_labels": "  {header}: values the preset does not know, read as "
        "'no': {values}. If one of them means a reply, a meeting or a deal, map that column "
        "under [columns] with an in list of every value that means it, e.g. replied = {{ from "
        "= {header}, in = [...] }} (docs/presets.md)",
        "data_note.month_first_dates": "  {column}: dates with slashes read month first "
        "(12/31/2025, as US exports write them: the column has days above 12 in the second "
        "place)",
        "data_note.day_first_dates": "  {column}: dates with slashes read day first "
        "(31/12/2025: the column has days above 12 in the first place)",
        "data_note.epoch_dates": "  {column}: Unix timestamps read as UTC dates",
    }
)

MESSAGES.update(
    {
        # columns that single people out (personal.py)
        "data_filter.id_identifies": "prospect_id identifies single people",
        "data_filter.identifies": "'{column}' identifies single people",
        "data_filter.personal": "'{column}' holds personal data",
        "data_filter.personal_values": "'{column}' holds personal data (e-mail addresses or "
        "phone numbers)",
        "data_filter.unique_values": "'{column}' has a different value on almost every row: it "
        "identifies single people",
        "data_filter.refuse_where": "{option} {column}: {reason}; filtering by it singles out "
        "people. Choose a segment column such as industry, size_band, messaging or salutation.",
        "data_filter.refuse_by_id": "{option} {column}: {reason}; grouping by it would print "
        "every id. Choose a segment column such as industry, size_band, messaging or "
        "salutation.",
        "data_filter.refuse_by_value": "{option} {column}: {reason}; grouping by it would print "
        "every value. Choose a segment column such as industry, size_band, messaging or "
        "salutation.",
    }
)

MESSAGES.update(
    {
        # comments of a drafted [columns] table (suggest.py)
        "data_note.keep_values": "keep the values that mean {column}",
        "data_note.json_field": "a JSON custom field",
        "data_note.count_column": "a count column: true from the first reply",
        "data_note.variant_cut": "the variant cut from the names",
        "data_note.variant_confounded": "warning: messaging is confounded with industry (each "
        "variant occurs in one industry)",
        "data_note.guessed": "guessed from the header: check it",
        "data_note.looks_like_sizes": "its values look like company sizes",
        "data_note.preset_cannot": "the preset cannot read {column} from {header}:",
        "data_note.preset_reads": "the preset reads {column} from {header}",
        "data_note.json_keys": "{header} holds the keys {keys}: read one with {{ from = "
        '{toml}, json = "KEY" }}',
    }
)

MESSAGES.update(
    {
        # value metrics and as_of (counts.py, maturity.py)
        "data_filter.mean_needs": "a mean of '{column}' per '{denominator}' needs both "
        "columns, but the data has no '{missing}' column. Add it to the export (deal_value in "
        "EUR, empty or 0 without a deal).",
        "data_filter.mean_needs_rows": "a mean of '{column}' needs row-level data (one contact "
        "per row): aggregated counts hold only sums, not the spread of the values. Use the "
        "row-level export.",
        "data_filter.nothing_sent": "as of {as_of:date} nothing had been sent yet: the first "
        "contact in the log was sent on {first:date}. Choose a later --as-of (or [workspace] "
        "as_of), or leave it out to judge the data as of today.",
    }
)

MESSAGES.update(
    {
        # comments of the [columns] snippet (mapping_toml.py)
        "data_note.maybe": " (maybe {headers})",
        "data_note.not_recognised": "not recognised{hint}",
    }
)

MESSAGES.update(
    {
        # columns dropped for their type or size (tidy.py, read.py)
        "data_note.dropped_long": "{column} (cells longer than {limit:,} characters)",
        "data_note.dropped_kind": "{column} ({kind})",
    }
)
