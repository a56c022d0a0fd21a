"""The HTML review page: self-contained, renders in headless Chromium without console errors."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from conftest import need_binary
from vn_welfare_extract import extract
from vn_welfare_extract.view import main, render

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def test_page_is_self_contained(seed: tuple[str, dict[str, Any]]) -> None:
    text, _ = seed
    page = render(text, extract(text).to_dict())
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert page.count('class="item"') >= 5
    assert '<html lang="vi">' in page


def test_show_command_writes_page(tmp_path: Path, seed: tuple[str, dict[str, Any]]) -> None:
    from conftest import SEED_TXT

    out = tmp_path / "page.html"
    assert main([str(SEED_TXT), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Lê Tấn Dũng" in page and "357" in page


def test_page_renders_in_chromium(tmp_path: Path, seed: tuple[str, dict[str, Any]]) -> None:
    chromium = need_binary("chromium", "Debian package 'chromium'; .ci/run installs it")
    text, expected = seed
    page = tmp_path / "seed.html"
    page.write_text(render(text, extract(text).to_dict()), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        base = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
        shot = tmp_path / "seed.png"
        r = subprocess.run(
            [*base, "--window-size=1280,2000", f"--screenshot={shot}", page.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
        assert shot.exists() and shot.stat().st_size > 10_000, r.stderr[-2000:]
        dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
        log = subprocess.run(
            [*base, "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    # Chromium prints every console message as ``INFO:CONSOLE:<line>] "…"`` with --enable-logging
    console = [ln for ln in log.stderr.splitlines() if ":CONSOLE" in ln]
    assert not console, console
    html_dom = dom.stdout
    assert html_dom.count('class="item"') >= 5
    for item in expected["amounts"] + expected["counts"] + expected["dates"]:
        assert json.dumps(item["text"], ensure_ascii=False)[1:-1] in html_dom


def test_page_shows_the_clock_time() -> None:
    text = "Lúc 14h30 ngày 8-10-2021, tỉnh trao 30 suất quà."
    page = render(text, extract(text).to_dict())
    assert "<th>Time</th>" in page and "14:30" in page
