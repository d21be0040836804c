"""Layer 5, the batch runner: executes the report plan in worker processes and publishes the reports."""
