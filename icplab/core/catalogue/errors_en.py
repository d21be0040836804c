"""English messages of the errors raised by the core, data, report, batch and CLI layers
(code -> ``str.format`` template): paths icplab refuses to write (``errors.path.*``, with
the reasons of the operating system in ``errors.os.*``), the metric definitions
(``errors.metric.*``), database tables and the out-of-core reader (``errors.table.*``,
``errors.scan.*``), the report plan (``errors.plan.*``), the run lock, the runner, its
snapshot and publishing (``errors.run.*``) and report parameters (``errors.report.*``).
Each template writes exactly the sentence these errors always carried."""

MESSAGES: dict[str, str] = {
    # paths icplab refuses to write (icplab/core/files.py)
    "errors.path.refused": "{path} {what}; icplab writes only into real folders of the "
    "workspace. Replace the link by a folder (or remove it) and run again.",
    "errors.path.refused_outside": "{path} {what}; icplab writes only into real folders of the "
    'workspace. Choose a folder inside it (e.g. [workspace] reports = "reports" in icplab.toml) '
    "and run again.",
    "errors.path.outside": "lies outside the folder icplab writes to",
    "errors.path.link": "is a symbolic link",
    "errors.path.resolves_outside": "resolves outside the folder icplab writes to",
    "errors.path.not_folder": "is not a folder",
    # the system's reason for a failed read or write (icplab.core.errors.os_reason)
    "errors.os.denied": "permission denied",
    "errors.os.read_only": "read-only file system",
    "errors.os.disk_full": "no space left on the disk",
    "errors.os.not_folder": "a part of the path is a file, not a folder",
    "errors.os.name_too_long": "file name too long",
    "errors.os.not_found": "no such file or folder",
    "errors.os.is_folder": "the path is a folder, not a file",
    "errors.os.exists": "a file or folder of that name already exists",
    "errors.os.busy": "the file is in use",
    "errors.os.io": "input/output error",
    # metric definitions (icplab/core/metrics.py)
    "errors.metric.problem": "metric '{name}': {detail}",
    "errors.metric.window_days": "window_days must be a whole number of days >= 0 (0 switches "
    "the maturity window off), got {value}",
    "errors.metric.kind": "kind must be one of {kinds:list}, got {value}",
    "errors.metric.mean_target": "the target of a mean metric is a value >= 0 (e.g. 150 for "
    "EUR 150 per contact), got {value}",
    "errors.metric.rate_target": "target must be a rate between 0 and 1 (e.g. 0.15 for 15 %), "
    "got {value}",
    "errors.metric.needs_reply_step": "{name} needs a 'reply_step' column (which message of the "
    "sequence was answered, 1 = the first e-mail) in the row-level log, but the data has none.",
    "errors.metric.needs_reply_class": "{name} needs a 'reply_class' column (positive, not_now, "
    "negative, unsubscribe, auto) in the row-level log, but the data has none.",
    "errors.metric.needs_numerator": "{name} needs a '{column}' column, but the data has none. "
    "Add a {column} column (1/0) to the export, or leave {name} out of the analysis.",
    "errors.metric.needs_denominator": "{name} needs a '{column}' column, but the data has none.",
    # database tables (icplab/data/warehouse.py)
    "errors.table.no_table": "'{url}' names a database but no table: append '::TABLE', e.g. "
    "'duckdb:///growth.duckdb::outreach'.",
    "errors.table.empty_name": "'{url}': the table name after '::' is empty.",
    "errors.table.needs_ibis": "reading a database table needs Ibis: pip install "
    "'ibis-framework[duckdb]' (or the extra of your warehouse: sqlite, postgres, bigquery, "
    "snowflake, pyspark).",
    "errors.table.no_backend": "the Ibis backend for '{conn}' is not installed ({reason}). "
    "Install it, e.g. pip install 'ibis-framework[postgres]'.",
    "errors.table.cannot_connect": "cannot connect to '{conn}': {reason}.",
    "errors.table.not_found": "{source}: no such table (or no right to read it).",
    "errors.table.no_log_columns": "{source}: the table has none of the log's columns "
    "(industry, replied, ...).",
    "errors.table.cannot_export": "{source}: cannot export the table ({reason}).",
    "errors.table.duplicate_id": "{n} prospect_id appears more than once in the same campaign "
    "({rows} rows of the table; find them with GROUP BY campaign, {header} HAVING count(*) > 1). "
    "Each prospect is one row per campaign: merge the touches into one row.",
    "errors.table.duplicate_ids": "{n} prospect_ids appear more than once in the same campaign "
    "({rows} rows of the table; find them with GROUP BY campaign, {header} HAVING count(*) > 1). "
    "Each prospect is one row per campaign: merge the touches into one row.",
    # the out-of-core reader (icplab/data/scan.py)
    "errors.scan.employees_below_one": "must be a whole number >= 1",
    "errors.scan.unreadable": "cannot be read as {kind} ({reason}). With {variable}=pandas the "
    "ordinary reader reads it and names the broken row.",
    # the report plan (icplab/batch/plan.py)
    "errors.plan.repeated_names": "report names must be unique; repeated: {names:list}.",
    "errors.plan.name_chars": "report name '{name}' may only use letters, digits, '.', '_' "
    "and '-'.",
    "errors.plan.name_length": "report name '{name}...' has {length} characters; use at most "
    "{limit} (it becomes a file name).",
    "errors.plan.reserved_parameter": "[[reports]] entry '{name}': parameter '{key}' cannot be "
    "set in the plan; icplab run sets it ({reason}). Remove it from the entry.",
    "errors.plan.reserved.summary_path": "reports are written only into the run folder inside "
    "reports/",
    "errors.plan.reserved.data": "every report of a run reads the same data: use --data or "
    "[workspace] data",
    "errors.plan.reserved.workspace": "the workspace is the folder of icplab.toml",
    "errors.plan.reserved.config": "use --config",
    "errors.plan.reserved.report_name": "the report's name is its entry's name",
    "errors.plan.reserved.metric_change": "it comes from the metric lock",
    "errors.plan.reserved.run_comparisons": "it comes from the run-wide comparisons",
    "errors.plan.reserved.config_copy": "every report of a run reads the icplab.toml the run "
    "started with",
    "errors.plan.unknown_report": "no report named '{name}' in the plan. Known: {known:list}.",
    "errors.plan.reserved_name": "report name '{name}' would overwrite reports/{file}.html (or "
    "another file icplab keeps in reports/); choose another name.",
    "errors.plan.case_only": "report names '{other}' and '{name}' differ only in case: on many "
    "disks they are the same file in reports/. Choose different names.",
    "errors.plan.tables_name": "report name '{name}' would overwrite the tables of report "
    "'{other}' (reports/{other}.tables.json); choose another name.",
    "errors.plan.parameter_name": "[[reports]] entry '{name}': parameter name '{key}' {why}; a "
    "parameter name must be a plain name (letters, digits, '_', not starting with a digit), "
    "e.g. metric or factor.",
    "errors.plan.why.not_plain": "is not a plain name",
    "errors.plan.why.keyword": "is a Python keyword",
    "errors.plan.why.dunder": "is reserved by Python",
    "errors.plan.no_notebook": "report notebook '{notebook}' not found (looked in {folders:list}).",
    # the run lock, the runner and its snapshot (icplab/batch/)
    "errors.run.linked_lock": "{path} is a symbolic link; icplab writes only into real files of "
    "the workspace. Remove the link and run again.",
    "errors.run.no_state_folder": "cannot create the workspace state folder {folder} "
    "({reason}). Make the workspace writable.",
    "errors.run.busy_waited": "another icplab run is in progress in this workspace ({who}) and "
    "did not finish within {wait:g} s; nothing was run. Try again later or pass a longer "
    "--wait SECONDS.",
    "errors.run.busy": "another icplab run is in progress in this workspace ({who}); nothing "
    "was run. Try again when it has finished, or pass --wait SECONDS to wait for it.",
    "errors.run.pid": "pid {pid}",
    "errors.run.no_pid": "pid unknown",
    "errors.run.holder_started": "{pid}, started {time}",
    "errors.run.waiting": "another icplab run is in progress in this workspace ({who}); "
    "waiting up to {wait:g} s...",
    "errors.run.stopped": "stopped: nothing new was published",
    "errors.run.cannot_publish": "cannot write to {folder}/ ({reason}): {where}. Make the "
    "folder writable, or set [workspace] reports in icplab.toml to a folder you can write "
    "to; nothing new was published.",
    "errors.run.jobs": "--jobs must be at least 1, got {value}.",
    "errors.run.timeout": "--timeout must be positive, got {value}.",
    "errors.run.wait": "--wait must be 0 or more seconds, got {value}.",
    "errors.run.cannot_copy_config": "cannot copy {path} for the run ({reason}). Make the "
    "workspace writable.",
    "errors.run.no_data": "{path}: data file not found. Pass --data PATH or set [workspace] "
    "data in icplab.toml.",
    "errors.run.cannot_copy_data": "{source}: cannot take the run's copy of the data "
    "({reason}). Check that the file is readable and the workspace writable.",
    "errors.run.cannot_write_copy": "cannot write the run's copy of the data into {folder} "
    "({reason}). Make the workspace writable.",
    # report parameters (icplab/report/)
    "errors.report.contacts": "report parameter 'contacts' must be at least 1, got {value}.",
    "errors.report.tolerance": "report parameter 'tolerance' must be between 0 and 1, got {value}.",
    # why a JSON file or a text is unreadable (icplab/core/decode_reason.py): Python's words
    "errors.json.at": "{what}: line {line} column {column} (char {pos})",
    "errors.json.value": "Expecting value",
    "errors.json.property_name": "Expecting property name enclosed in double quotes",
    "errors.json.colon": "Expecting ':' delimiter",
    "errors.json.comma": "Expecting ',' delimiter",
    "errors.json.unterminated": "Unterminated string starting at",
    "errors.json.control": "Invalid control character at",
    "errors.json.escape": "Invalid \\escape",
    "errors.json.unicode_escape": "Invalid \\uXXXX escape",
    "errors.json.extra": "Extra data",
    "errors.json.trailing_comma": "Illegal trailing comma before end of object",
    "errors.json.trailing_comma_array": "Illegal trailing comma before end of array",
    "errors.json.too_deep": "arrays or objects are nested too deeply",
    "errors.json.not_a_file": "not a regular file",
    "errors.json.too_large": "larger than {limit} MB",
    "errors.json.no_metrics": "no 'metrics' object",
    "errors.json.metric_not_object": "a metric is not an object",
    "errors.utf8.byte": "'utf-8' codec can't decode byte {byte} in position {position}: {reason}",
    "errors.utf8.bytes": "'utf-8' codec can't decode bytes in position {start}-{end}: {reason}",
    "errors.utf8.start": "invalid start byte",
    "errors.utf8.continuation": "invalid continuation byte",
    "errors.utf8.end": "unexpected end of data",
    # the values of a changed metric definition (icplab/icp/lock.py)
    "errors.lock.none": "none",
    "errors.lock.number": "{value:g}",
    "errors.lock.definition": "{numerator}/{denominator} >= {target}",
    "errors.lock.default_bands": "default bands ({bands:list})",
    "errors.lock.own_column": "read as the file's own column (no [columns] entry)",
    # a report that failed in the runner (icplab/batch/execute.py)
    "errors.run.summary_outside": "not run: its summary_path points outside its run folder in "
    "reports/",
    "errors.run.batch_stopped": "not run: the batch was stopped",
    "errors.run.worker_stopped": "worker process stopped (see {log} in the run folder)",
    "errors.run.cell_failed": "{error} (cell {cell})",
    "errors.run.timed_out": "timed out: a cell ran longer than {timeout:g} s ({detail})",
    "errors.run.no_html": "could not render HTML: {detail}",
    "errors.run.no_summary": "the notebook finished but wrote no summary (call "
    "params.finish(...) last)",
    "errors.run.bad_summary": "unreadable summary JSON: {detail}",
}
