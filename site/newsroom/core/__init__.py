"""Core: the typed models, the one error type, slugs, and small helpers of our own (no I/O
policy, nothing of the other layers)."""
