"""`make bench`: the production stack measured on this machine (see docs/benchmarks.md)."""
