from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_TXT = SHARED / "seed" / "000_024eeff49fb4e721.txt"
SEED_EXPECTED = SHARED / "seed" / "000_024eeff49fb4e721.expected.json"
IN_CI = os.environ.get("CI", "").lower() == "true"


def need_shared(path: Path) -> Path:
    """Skip when ../shared is absent (a user's clone); under CI=true it must be there."""
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing under CI=true")
        pytest.skip(f"{path} not present (../shared is beside the checkout only in development and CI)")
    return path


def need_binary(name: str, hint: str) -> str:
    """Skip when a Debian-installed program is absent, except under CI=true."""
    p = shutil.which(name)
    if p is None:
        if IN_CI:
            pytest.fail(f"{name} is required under CI=true ({hint})")
        pytest.skip(f"{name} not installed ({hint})")
    return p


@pytest.fixture(scope="session")
def seed() -> tuple[str, dict[str, Any]]:
    text = need_shared(SEED_TXT).read_text(encoding="utf-8")
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    return text, expected


@pytest.fixture(scope="session")
def extractor() -> Any:
    from vn_welfare_extract import Extractor

    return Extractor()
