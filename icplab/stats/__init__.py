"""Layer 2, statistics on counts: intervals, tests, multiplicity, sequential inference, planning, pooling, GLM."""
