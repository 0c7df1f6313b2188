"""Benchmarks: `make bench` (python -m benchmarks). Timings are reported against a
floor measured in the same run on the same machine, never asserted in tests."""
