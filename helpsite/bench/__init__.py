"""The benchmark behind `make bench`: page weight, requests, first paint and build time against a
stock Material + mkdocs-static-i18n build of the same content (see scripts/bench.py).

Not part of the test run: the numbers depend on the machine. The pure parts (budget, fit, table)
are unit-tested in tests/test_bench_units.py.
"""
