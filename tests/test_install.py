"""The fresh-machine path: an optional extra that is absent skips its own test file (with the
install hint) and never the whole collection; under CI=true that file fails and the rest runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _suite(tmp_path: Path) -> Path:
    shutil.copy(HERE / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_engine.py").write_text(
        "from conftest import need_module\n\n"
        "mod = need_module('vwe_no_such_module', 'warc')\n\n\n"
        "def test_engine():\n    assert mod is not None\n",
        encoding="utf-8",
    )
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    assert True\n", encoding="utf-8")
    return tmp_path


def _pytest(path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-o", "addopts=", str(path)],
        cwd=path, env=env, capture_output=True, text=True, timeout=120,
    )


def test_missing_extra_skips_only_its_file(tmp_path: Path) -> None:
    r = _pytest(_suite(tmp_path), None)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 passed, 1 skipped" in r.stdout
    assert "pip install 'vn_welfare_extract[warc]'" in r.stdout


def test_missing_extra_under_ci_fails_its_file_and_the_rest_runs(tmp_path: Path) -> None:
    r = _pytest(_suite(tmp_path), "true")
    assert r.returncode != 0, r.stdout + r.stderr
    assert "1 passed" in r.stdout and "1 error" in r.stdout, r.stdout
    assert "vwe_no_such_module is required under CI=true" in r.stdout
