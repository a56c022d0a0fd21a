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


# ------------------------------------------------------------------ first-hour rough edges (issue 13)

LEGACY_TEXT = "Ngày 30-5, UBND tỉnh Hà Tĩnh trao 200 suất quà, mỗi suất 1 triệu đồng, cho trẻ em nghèo."


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _items(rec: dict[str, object]) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = [(k, [(i["text"], i.get("value")) for i in rec[k]]) for k in ("dates", "amounts", "counts")]  # type: ignore[index, attr-defined]
    return out + [("locations", [i["name"] for i in rec["locations"]])]  # type: ignore[index, attr-defined]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viqr", "cp1258"])
def test_legacy_encoded_text_files_are_decoded_like_extract_bytes(tmp_path: Path, encoding: str) -> None:
    from vn_welfare_extract import extract
    from vn_welfare_extract.encodings import encode_legacy

    (tmp_path / "utf8.txt").write_text(LEGACY_TEXT, encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes(encode_legacy(LEGACY_TEXT, encoding))
    out = tmp_path / "o.jsonl"
    assert main([str(tmp_path / "utf8.txt"), str(tmp_path / "legacy.txt"), "-o", str(out), "-q", "--workers", "1"]) == EXIT_OK
    plain, legacy = _records(out)
    assert "error" not in legacy
    assert _items(legacy) == _items(plain) != []
    codes = [w["code"] for w in legacy["warnings"]]  # type: ignore[index, union-attr]
    assert any(c in (f"decoded_{encoding}", f"repaired_{encoding}") for c in codes), codes
    assert _items(legacy) == _items(extract(encode_legacy(LEGACY_TEXT, encoding)).to_dict())


def test_encoding_option_forces_or_refuses_a_decoding(tmp_path: Path) -> None:
    from vn_welfare_extract.encodings import encode_legacy

    src = tmp_path / "old.txt"
    src.write_bytes(encode_legacy(LEGACY_TEXT, "vni"))
    out = tmp_path / "o.jsonl"
    assert main([str(src), "--encoding", "vni", "-o", str(out), "-q"]) == EXIT_OK
    (rec,) = _records(out)
    assert rec["warnings"][0]["code"] == "decoded_vni"  # type: ignore[index]
    assert main([str(src), "--encoding", "utf-8", "-o", str(out), "-q"]) == EXIT_DOC_ERRORS
    (rec,) = _records(out)
    assert rec["error"]["code"] == "undecodable"  # type: ignore[index]


@pytest.mark.parametrize("kind", ["csv", "jsonl-text-field"])
def test_a_text_field_that_is_not_there_is_a_usage_error_naming_the_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    out = tmp_path / "o.jsonl"
    if kind == "csv":
        src = tmp_path / "export.csv"
        src.write_text("ma,tieu_de,noi_dung\nx1,Trao quà,Ngày 30-5 tỉnh trao 200 suất quà.\n", encoding="utf-8")
        argv = [str(src)]
        names = "ma, tieu_de, noi_dung"
    else:
        src = write(tmp_path / "a.jsonl", ARTICLE)
        argv = [str(src), "--text-field", "noidung"]
        names = "id, published, text"
    assert main([*argv, "-o", str(out), "-q"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert names in err and "--text-field" in err
    assert not out.exists() or out.read_text(encoding="utf-8") == ""


def test_runs_that_read_nothing_say_so_and_exit_4(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vn_welfare_extract.cli import EXIT_NOTHING_READ

    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "header.csv").write_text("id,text\n", encoding="utf-8")
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "a.docx").write_bytes(b"PK")
    (odd / "b.html").write_text("<p>x</p>", encoding="utf-8")
    for argv, needle in (([str(tmp_path / "empty.jsonl")], "no document read from 1 input file"),
                         ([str(tmp_path / "header.csv")], "no document read"),
                         ([str(odd)], "2 file(s) skipped")):
        assert main([*argv, "-o", str(tmp_path / "o.jsonl"), "--no-progress"]) == EXIT_NOTHING_READ
        err = capsys.readouterr().err
        assert needle in err, err
    assert main([str(odd), str(tmp_path / "empty.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--summary-json", str(tmp_path / "s.json"), "-q"]) == EXIT_NOTHING_READ
    s = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert s["skipped_files"] == 2 and s["files"] == 1 and s["documents"] == 0


@pytest.mark.parametrize("target", ["jsonl", "sqlite"])
def test_resume_retries_error_rows_unless_skip_failed(tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str) -> None:
    long = dict(ARTICLE, id="c2", text=ARTICLE["text"] + " Tỉnh cũng trao 50 suất học bổng.")
    src = write(tmp_path / "a.jsonl", ARTICLE, long)
    ref = tmp_path / "ref.jsonl"
    assert main([str(src), "-o", str(ref), "-q"]) == EXIT_OK
    if target == "jsonl":
        out = ["-o", str(tmp_path / "o.jsonl")]
    else:
        out = ["--db", str(tmp_path / "o.sqlite")]
    n = len(str(ARTICLE["text"]))
    assert main([str(src), *out, "-q", "--max-chars", str(n)]) == EXIT_DOC_ERRORS  # c2 is too long
    assert main([str(src), *out, "--no-progress", "--resume", "--skip-failed"]) == EXIT_OK
    assert "2 skipped as already done" in capsys.readouterr().err  # c2 stays an error row
    assert main([str(src), *out, "--no-progress", "--resume"]) == EXIT_OK
    assert "1 earlier errors retried" in capsys.readouterr().err
    if target == "jsonl":
        got = sorted((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines())
        assert got == sorted(ref.read_text(encoding="utf-8").splitlines())
    else:
        import sqlite3

        conn = sqlite3.connect(tmp_path / "o.sqlite")
        assert conn.execute("SELECT doc_id, status FROM documents ORDER BY doc_id").fetchall() == [("c1", "ok"), ("c2", "ok")]
        assert conn.execute("SELECT COUNT(*) FROM errors").fetchone() == (0,)
        conn.close()


def test_help_is_self_sufficient(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "docs/" not in out
    for needle in ("exit codes:", "130", "--encoding", "--lexicon", "--skip-failed", "kind<TAB>entry",
                   ".warc.gz", "vn-welfare-extract archive.jsonl.gz --db news.sqlite --resume"):
        assert needle in out, needle


@pytest.mark.parametrize("kind", ["tsv", "json"])
def test_a_lexicon_file_normalises_an_alias_from_the_cli(tmp_path: Path, kind: str) -> None:
    from lexicon_case import ARTICLE as LEX_ARTICLE
    from lexicon_case import normalised_everywhere, write_lexicon

    src = write(tmp_path / "a.jsonl", LEX_ARTICLE)
    out = tmp_path / "o.jsonl"
    assert main([str(src), "-o", str(out), "-q", "--workers", "1"]) == EXIT_OK
    assert not normalised_everywhere(_records(out)[0])  # the shipped lexicons do not know the alias
    assert main([str(src), "-o", str(out), "-q", "--workers", "1", "--lexicon", str(write_lexicon(tmp_path, kind))]) == EXIT_OK
    assert normalised_everywhere(_records(out)[0])


def test_a_bad_lexicon_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "a.jsonl", ARTICLE)
    bad = tmp_path / "bad.tsv"
    bad.write_text("person\tNguyễn Văn A\n", encoding="utf-8")
    assert main([str(src), "-q", "--lexicon", str(bad)]) == EXIT_USAGE
    assert "bad.tsv:1" in capsys.readouterr().err


def test_show_takes_a_lexicon(tmp_path: Path) -> None:
    from lexicon_case import CANONICAL, TEXT, write_lexicon

    art = tmp_path / "art.txt"
    art.write_text(TEXT, encoding="utf-8")
    page = tmp_path / "p.html"
    assert main(["show", str(art), "-o", str(page), "--published", "2024-04-05", "--lexicon", str(write_lexicon(tmp_path, "tsv"))]) == EXIT_OK
    assert CANONICAL in page.read_text(encoding="utf-8")


def test_python_dash_m_runs_the_command_line(tmp_path: Path) -> None:
    """``python -m vn_welfare_extract`` is the same command as ``vn-welfare-extract``."""
    src = tmp_path / "a.txt"
    src.write_text("Ngày 3/5/2021, tỉnh chi 5 tỷ đồng hỗ trợ 120 hộ nghèo.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "vn_welfare_extract", str(src), "-o", str(out)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == EXIT_OK, proc.stderr
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [a["value"] for a in rec["amounts"]] == [5_000_000_000]
