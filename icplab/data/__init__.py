"""Layer 1, the outreach log: reading and validating files, filtering segments, aggregating to counts."""
