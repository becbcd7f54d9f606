"""Every `$ oneonone ...` example in the README prints what the README shows, on the demo
journal (see tests/readme_examples.py, which also rewrites them)."""

from __future__ import annotations

import readme_examples as ex


def test_the_readme_has_examples_of_the_main_reports():
    commands = [m.group(1) for m in ex.examples(ex.README.read_text(encoding="utf-8"))]
    for name in ("due", "themes", "show", "search", "todo"):
        assert any(c.startswith(f"$ oneonone {name}") for c in commands), name


def test_every_readme_example_is_what_the_command_prints():
    text = ex.README.read_text(encoding="utf-8")
    found = ex.examples(text)
    printed = ex.outputs([m.group(1) for m in found])
    for match, output in zip(found, printed, strict=True):
        shown = "\n".join(row.rstrip() for row in match.group(2).rstrip("\n").splitlines())
        assert shown == output, f"README example `{match.group(1)}` is out of date:\n{output}"
