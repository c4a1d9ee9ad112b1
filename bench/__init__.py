"""Benchmarks of hoagiai: `python -m bench.run [--quick]` writes BENCHMARKS.md."""
