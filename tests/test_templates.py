"""The page chrome's contract: every variable a template in overrides/ reads is documented in
helpsite/chrome.py (TEMPLATE_VARIABLES), and every documented one is read by some template."""
from __future__ import annotations

import jinja2
from jinja2 import meta

from helpsite.chrome import TEMPLATE_VARIABLES
from tests.sitebuild import ROOT

OVERRIDES = ROOT / "overrides"


def environment() -> jinja2.Environment:
    env = jinja2.Environment()
    env.filters["url"] = lambda value: value       # MkDocs' filter; only its name matters here
    env.filters["t"] = lambda value: value         # ours (helpsite/hooks.py on_env)
    return env


def variables_read() -> dict[str, set[str]]:
    env = environment()
    found = {}
    for path in sorted(OVERRIDES.rglob("*.html")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        found[path.relative_to(OVERRIDES).as_posix()] = meta.find_undeclared_variables(tree)
    return found


def test_every_variable_a_template_reads_is_documented():
    undocumented = {name: sorted(names - set(TEMPLATE_VARIABLES)) for name, names in variables_read().items()}
    assert {name: names for name, names in undocumented.items() if names} == {}, \
        "document these in helpsite/chrome.py TEMPLATE_VARIABLES"


def test_every_documented_variable_is_used():
    used = set().union(*variables_read().values())
    assert sorted(set(TEMPLATE_VARIABLES) - used) == [], "remove these from TEMPLATE_VARIABLES, or use them"


def test_the_check_can_fail(tmp_path):
    env = jinja2.Environment()
    names = meta.find_undeclared_variables(env.parse("{{ secret_thing }} {{ site_ui.exit }}"))
    assert names - set(TEMPLATE_VARIABLES) == {"secret_thing"}
