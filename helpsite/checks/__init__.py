"""Content and data checks for editors: each module checks one kind of mistake.

`run_checks(root, options)` (in runner.py) returns every Problem found in a repository.
"""
