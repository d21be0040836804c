"""Layer 3, ICP judgements: comparisons, verdicts against the fixed metrics, refinement, the metric lock."""
