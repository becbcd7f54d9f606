"""Every `$ oneonone ...` example in the README prints what the README shows, on the demo
journal (see tests/readme_examples.py, which also rewrites them)."""

from __future__ import annotations

import readme_examples as ex


def test_the_readme_has_examples_of_the_main_reports():
    commands = ex.commands(ex.README.read_text(encoding="utf-8"))
    for name in ("due", "themes", "show", "search", "todo", "prep", "health", "trash"):
        assert any(c.startswith(f"$ oneonone {name}") for c in commands), name


def test_every_readme_example_is_what_the_command_prints():
    text = ex.README.read_text(encoding="utf-8")
    shown = [(c, ex.tidy(out)) for _, pairs in ex.examples(text) for c, out in pairs]
    printed = ex.outputs([c for c, _ in shown])
    for (command, output), now in zip(shown, printed, strict=True):
        assert output == now, f"README example `{command}` is out of date:\n{now}"
