"""The command line: defaults, subcommands, usage errors and the exit code policy."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from vn_welfare_extract.cli import EXIT_DOC_ERRORS, EXIT_OK, EXIT_USAGE, main

ARTICLE = {"id": "c1", "published": "2022-06-01", "text": "Ngày 30-5, UBND tỉnh Hà Tĩnh trao 200 suất quà, mỗi suất 1 triệu đồng, cho trẻ em nghèo."}


def write(path: Path, *rows: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_json_lines_go_to_stdout_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "a.jsonl", ARTICLE)
    assert main([str(src), "--workers", "1"]) == EXIT_OK
    out, err = capsys.readouterr()
    recs = [json.loads(x) for x in out.splitlines()]
    assert [r["doc_id"] for r in recs] == ["c1"]
    assert "documents: 1 (1 ok, 0 errors)" in err and "items:" in err and "docs/s" in err


def test_the_run_subcommand_and_the_bare_form_agree(tmp_path: Path) -> None:
    src = write(tmp_path / "a.jsonl", ARTICLE)
    a, b = tmp_path / "a.out.jsonl", tmp_path / "b.out.jsonl"
    assert main(["run", str(src), "-o", str(a), "-q"]) == EXIT_OK
    assert main([str(src), "-o", str(b), "-q", "--workers", "2"]) == EXIT_OK
    assert a.read_bytes() == b.read_bytes()


def test_no_inputs_reads_the_bundled_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["-q"]) == EXIT_USAGE
    assert "corpus/articles.jsonl" in capsys.readouterr().err
    (tmp_path / "corpus").mkdir()
    write(tmp_path / "corpus" / "articles.jsonl", ARTICLE)
    assert main(["-q", "-o", "out.jsonl"]) == EXIT_OK
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["doc_id"] == "c1"


def test_exit_code_1_when_some_documents_fail(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_bytes(json.dumps(ARTICLE, ensure_ascii=False).encode() + b"\n{broken\n")
    out = tmp_path / "o.jsonl"
    summary = tmp_path / "s.json"
    assert main([str(src), "-o", str(out), "-q", "--summary-json", str(summary)]) == EXIT_DOC_ERRORS
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [("error" in r) for r in recs] == [False, True]
    s = json.loads(summary.read_text(encoding="utf-8"))
    assert s["documents"] == 2 and s["errors"] == 1 and s["error_codes"] == {"bad_json": 1}


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.jsonl"], "input not found"),
        (["{src}", "--db", "mysql://localhost/x"], "unknown database"),
        (["{src}", "--resume"], "--resume needs an output file"),
        (["{src}", "-o", "x.jsonl.gz"], "compressed output"),
        (["{src}", "--types", "dates,weather"], "unknown type"),
        (["{src}", "--workers", "0"], "--workers"),
        (["{src}", "-o", "x.sqlite"], "use --db"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    src = write(tmp_path / "a.jsonl", ARTICLE)
    argv = [a.replace("{src}", str(src)) for a in args]
    assert main([*argv, "-q"]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_argparse_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--format", "xml", "x"])
    assert e.value.code == EXIT_USAGE


def test_schema_subcommand_prints_the_ddl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--engine", "postgres"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "CREATE TABLE IF NOT EXISTS facts" in out and "JSONB" in out


@pytest.mark.parametrize("cmd, module", [("eval", "vn_welfare_extract.evaluate"), ("show", "vn_welfare_extract.view")])
def test_plugin_subcommands_dispatch_lazily(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cmd: str, module: str) -> None:
    seen: list[list[str]] = []
    fake = types.ModuleType(module)
    fake.main = lambda argv: seen.append(argv) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module, fake)
    assert main([cmd, "a", "--b"]) == 0
    assert seen == [["a", "--b"]]
    monkeypatch.setitem(sys.modules, module, None)  # the module is missing
    assert main([cmd]) == EXIT_USAGE
    assert "not available" in capsys.readouterr().err


def test_console_script_runs_as_a_program(tmp_path: Path) -> None:
    src = write(tmp_path / "a.jsonl", ARTICLE)
    p = subprocess.run(
        [sys.executable, "-m", "vn_welfare_extract.cli", str(src), "--no-progress", "--workers", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["doc_id"] == "c1"
    assert "documents: 1" in p.stderr
