"""Layer 4, reports: wording, notebook parameters and display, plots, summaries, HTML export, index page."""
