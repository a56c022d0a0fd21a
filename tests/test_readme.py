"""The README's Python example runs as a doctest, and its two set-up commands are the ones CI runs."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_runs() -> None:
    failures, tried = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert tried > 5
    assert failures == 0


def test_readme_starts_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    run = re.search(r"<!-- run-command -->\n```\n(.+?)\n```", text)
    test = re.search(r"<!-- test-command -->\n```\n(.+?)\n```", text)
    assert run and "pip install ." in run.group(1) and "vn-welfare-extract" in run.group(1)
    assert test and ".[test]" in test.group(1) and "pytest" in test.group(1)
    assert text.index("<!-- run-command -->") < text.index("<!-- test-command -->") < text.index("## In Python")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "test-command" in ci  # .ci/run runs exactly the README's test command
