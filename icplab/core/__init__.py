"""Layer 0, the shared vocabulary: errors, column schema, metric definitions, workspace configuration, file writing."""
