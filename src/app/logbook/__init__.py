"""The training log's vocabulary: sets, records, units, settings and their validators.

The core's shared language: no storage, no Qt."""
