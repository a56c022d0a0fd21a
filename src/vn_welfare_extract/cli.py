"""``vn-welfare-extract``: the command line.

    vn-welfare-extract [run] [INPUTS...] [-o out.jsonl] [--db sqlite:///x.db | x.sqlite | postgresql://...] [--parquet DIR]
                       [--workers N] [--resume] [--format F] [--text-field NAME] ...
    vn-welfare-extract eval ...      (vn_welfare_extract.evaluate)
    vn-welfare-extract show ...      (vn_welfare_extract.view)
    vn-welfare-extract schema [--engine sqlite|postgres]

With no inputs, ``run`` reads the bundled ``corpus/articles.jsonl`` of the current directory.
Exit codes: 0 every document extracted; 1 some documents failed (error rows written); 2 usage or
configuration error (nothing processed); 3 an output failed mid-run (a database or disk error);
4 no document read (empty inputs, a header-only CSV, a folder without known formats);
130 interrupted (Ctrl-C / SIGTERM: what was written is complete; ``--resume`` continues).
``run --help`` says all of it (formats, outputs, lexicon files, exit codes) with an example each.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shlex
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ._version import __version__
from .io.readers import ENCODINGS

EXIT_OK = 0
EXIT_DOC_ERRORS = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3
EXIT_NOTHING_READ = 4
EXIT_INTERRUPTED = 130

DEFAULT_CORPUS = os.path.join("corpus", "articles.jsonl")
SUBCOMMANDS = ("run", "eval", "show", "schema", "audit")

# Subcommands whose code lives in a module of its own, imported only when the subcommand runs:
# name -> (module, what it is).
_PLUGINS = {
    "eval": ("vn_welfare_extract.evaluate", "scoring records against gold files"),
    "show": ("vn_welfare_extract.view", "the review page"),
    "audit": ("vn_welfare_extract.audit", "the coverage audit: what an archive leaves uncovered"),
}


RUN_EPILOG = """\
input formats (by file name; --format forces one; stdin is sniffed):
  .txt                 one article per file; id = file name without .txt (path inside a folder);
                       bytes decoded by --encoding (auto: UTF-8, else TCVN3, VNI, VIQR, cp1258)
  .jsonl .ndjson (.gz) one JSON object per line: text/content/body, id/doc_id,
                       published/date/published_at, url/link, title (rename with --*-field)
  .json                a list of such objects (or {"articles": [...]}, or one object)
  .csv .tsv (.gz)      a header row names the same fields
  .tar .tar.gz .tgz    members read by their own names
  .warc .warc.gz       crawled HTML pages, main text by trafilatura (extra: [warc])
  folders are read recursively (known formats only; other files are counted as skipped)
    vn-welfare-extract articles/ -o out.jsonl
    vn-welfare-extract old-site/ --encoding tcvn3 -o out.jsonl
    vn-welfare-extract export.csv --text-field noi_dung --id-field ma -o out.jsonl

outputs (any combination; default: JSON lines on stdout):
  -o FILE              one JSON record per line (the record schema: record.schema.json in the package)
  --db TARGET          SQLite (file.sqlite, sqlite:///file.db) or PostgreSQL (postgresql://...,
                       extra: [postgres]); tables and columns: vn-welfare-extract schema
  --parquet DIR        one folder of Parquet part files per table (extra: [parquet])
    vn-welfare-extract archive.jsonl.gz --db news.sqlite --workers 4
    vn-welfare-extract archive.jsonl.gz --db postgresql://me@localhost/news
    vn-welfare-extract archive.jsonl.gz --parquet out/

resuming: --resume skips the documents every output already holds and runs again those whose
earlier attempt was an error row (how many is in the summary); --skip-failed keeps them. An
interrupted run prints the exact command to resume it.
    vn-welfare-extract archive.jsonl.gz --db news.sqlite --resume

user lexicon (--lexicon FILE): entries added to the shipped ones, in every worker.
  TSV, UTF-8, '#' comments, one entry a line: kind<TAB>entry[<TAB>canonical name], kind one of
  title, organization, document_kind; or JSON: {"titles": [...], "organizations": {alias:
  canonical}, "document_kinds": {alias: canonical}} (lists allowed for both maps).
    printf 'organization\\tSở LĐTBXH\\tSở Lao động - Thương binh và Xã hội\\n' > lex.tsv
    vn-welfare-extract articles.jsonl --lexicon lex.tsv -o out.jsonl

exit codes:
  0    every document extracted
  1    some documents failed (their error rows are written; see the summary)
  2    usage or configuration error (nothing processed), e.g. a text field that is not there
  3    an output failed mid-run (database or disk); what was written is complete: --resume
  4    no document read (empty files, a header-only CSV, a folder without known formats)
  130  interrupted (Ctrl-C, SIGTERM); the summary prints the command that resumes the run

other subcommands: eval (score records against gold files), show (an HTML review page for one
article: vn-welfare-extract show article.txt -o page.html), schema (the database DDL).
With no INPUT the bundled corpus/articles.jsonl of the current directory is read.
"""


def _run_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="vn-welfare-extract",
        description="Extract structured, source-linked facts from Vietnamese news articles in batch. "
        "Subcommands: run (the default), eval, show, schema.",
        epilog=RUN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders (recursive), globs or - (stdin)")
    p.add_argument("-o", "--output", metavar="PATH", help="JSON lines output (default: stdout unless --db is given; - is stdout)")
    p.add_argument("--db", metavar="TARGET", help="database: sqlite:///file.db, file.sqlite / file.db, or postgresql://user@host:port/db")
    p.add_argument("--parquet", metavar="DIR", help="Parquet output: one folder of part files per table (pip install 'vn_welfare_extract[parquet]')")
    p.add_argument("--workers", "-j", type=int, default=None, metavar="N", help="worker processes (default: all cores; 1: in this process)")
    p.add_argument("--resume", action="store_true", help="skip documents already in the output/database (continue an interrupted run); earlier error rows are retried")
    p.add_argument("--skip-failed", action="store_true", help="with --resume: keep earlier error rows instead of retrying them")
    p.add_argument("--format", choices=("txt", "jsonl", "json", "csv", "tar", "warc"), help="input format for every input (default: by file name; stdin is sniffed)")
    p.add_argument("--encoding", choices=ENCODINGS, default="auto", help="how .txt files are decoded (default: auto, the library's detector: UTF-8, else TCVN3, VNI, VIQR, cp1258)")
    p.add_argument("--lexicon", metavar="FILE", help="user lexicon (TSV or JSON: titles, organizations, document_kinds; see below)")
    p.add_argument("--text-field", metavar="NAME", help="field holding the article text (default: text, content, body)")
    p.add_argument("--id-field", metavar="NAME", help="field holding the document id (default: id, doc_id)")
    p.add_argument("--published-field", metavar="NAME", help="field holding the publication date (default: published, date, published_at)")
    p.add_argument("--url-field", metavar="NAME", help="field holding the URL (default: url, link)")
    p.add_argument("--title-field", metavar="NAME", help="field holding the title (default: title)")
    p.add_argument("--types", metavar="T,T", help="fact types to extract (default: all)")
    p.add_argument("--max-chars", type=int, default=None, metavar="N", help="longer documents become too_large errors (default: 2000000; 0: no limit)")
    p.add_argument("--timeout", type=float, default=None, metavar="S", help="seconds per document before a timeout error (default: 60; 0: none)")
    p.add_argument("--no-registry", action="store_true", help="do not build the registry tables (persons with dated posts, bodies, legal documents across articles, merged only on name plus shared evidence; built by default with --db and --parquet)")
    p.add_argument("--store-text", action="store_true", help="also store each article's text in the database (documents.body)")
    p.add_argument("--chunk-size", type=int, default=16, metavar="N", help="documents per task sent to a worker (default: 16)")
    p.add_argument("--batch-size", type=int, default=500, metavar="N", help="documents per database transaction (default: 500)")
    p.add_argument("--no-progress", action="store_true", help="no progress line on stderr")
    p.add_argument("--progress-interval", type=float, default=10.0, metavar="S", help="seconds between progress lines when stderr is not a terminal (default: 10)")
    p.add_argument("--summary-json", metavar="PATH", help="also write the final summary as JSON to PATH")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")
    p.add_argument("--version", action="version", version=f"vn_welfare_extract {__version__}")
    return p


def _err(msg: str) -> None:
    sys.stderr.write(f"vn-welfare-extract: error: {msg}\n")


def run(argv: Sequence[str]) -> int:
    from .batch import DEFAULT_MAX_CHARS, DEFAULT_TIMEOUT, BatchOptions, Progress, run_batch
    from .db import SchemaError, is_database_target, open_database
    from .io import FieldMap, InputError, JsonlSink, Sink, expand_inputs, total_size

    parser = _run_parser()
    args = parser.parse_args(list(argv))
    logging.basicConfig(level=logging.WARNING, format="vn-welfare-extract: %(levelname)s: %(message)s")
    inputs: list[str] = list(args.inputs)
    if not inputs:
        if not os.path.exists(DEFAULT_CORPUS):
            _err(f"no INPUT given and no bundled {DEFAULT_CORPUS} in the current directory (run from the project root or name inputs)")
            return EXIT_USAGE
        inputs = [DEFAULT_CORPUS]
    if args.workers is not None and args.workers < 1:
        _err("--workers must be at least 1")
        return EXIT_USAGE
    if args.skip_failed and not args.resume:
        _err("--skip-failed goes with --resume")
        return EXIT_USAGE
    lexicon = None
    if args.lexicon:
        from .lexicons import Lexicons

        try:
            lexicon = Lexicons.load(args.lexicon)
        except ValueError as e:
            _err(str(e))
            return EXIT_USAGE
    if args.output and is_database_target(args.output) and not args.output.endswith((".jsonl", ".json")):
        _err(f"-o writes JSON lines; for a database use --db {args.output}")
        return EXIT_USAGE
    defaults = FieldMap()
    fields = FieldMap(
        text=(args.text_field,) if args.text_field else defaults.text,
        id=(args.id_field,) if args.id_field else defaults.id,
        published=(args.published_field,) if args.published_field else defaults.published,
        url=(args.url_field,) if args.url_field else defaults.url,
        title=(args.title_field,) if args.title_field else defaults.title,
    )
    types = tuple(t.strip() for t in args.types.split(",") if t.strip()) if args.types else None
    if types is not None:
        from .api import TYPES

        bad = [t for t in types if t not in TYPES]
        if bad:
            _err(f"unknown type(s) {', '.join(bad)}; valid types: {', '.join(TYPES)}")
            return EXIT_USAGE
    options = BatchOptions(
        workers=args.workers,
        max_chars=DEFAULT_MAX_CHARS if args.max_chars is None else args.max_chars,
        timeout=DEFAULT_TIMEOUT if args.timeout is None else args.timeout,
        types=types,
        store_text=args.store_text,
        resume=args.resume,
        chunk_docs=max(1, args.chunk_size),
        retry_failed=not args.skip_failed,
        encoding=args.encoding,
        lexicon=lexicon,
    )
    sinks: list[Sink] = []
    try:
        paths = expand_inputs(inputs, args.format)  # fail fast on a missing input
        if args.db:
            sinks.append(open_database(args.db, resume=args.resume, batch_docs=max(1, args.batch_size), registry=not args.no_registry))
        if args.parquet:
            from .io.parquet import ParquetSink

            sinks.append(ParquetSink(args.parquet, resume=args.resume, registry=not args.no_registry))
        if args.output or not (args.db or args.parquet):
            sinks.append(JsonlSink(args.output, resume=args.resume))
    except (InputError, ValueError, SchemaError, OSError, ImportError) as e:
        for s in sinks:
            s.close()
        _err(str(e))
        return EXIT_USAGE

    show = not (args.quiet or args.no_progress)
    progress = Progress(total_size(paths), enabled=show, interval=args.progress_interval)
    old_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        summary = run_batch(inputs, sinks, options, fmt=args.format, fields=fields, progress=progress)
    except (InputError, ValueError, ImportError) as e:  # found before any work (the first record, a missing extra)
        _err(str(e))
        return EXIT_USAGE
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except Exception as e:  # an output failed (database gone, disk full): stop loudly
        _err(f"output failed: {type(e).__name__}: {e}; documents written so far are complete; {_resume_hint(args, argv)}")
        return EXIT_OUTPUT
    finally:
        signal.signal(signal.SIGTERM, old_term)
    if not args.quiet:
        sys.stderr.write(summary.format() + "\n")
    if args.summary_json:
        with open(args.summary_json, "w", encoding="utf-8") as f:
            json.dump(summary.to_dict(), f, ensure_ascii=False, indent=1)
    if summary.interrupted:
        sys.stderr.write(f"interrupted: {_resume_hint(args, argv)}\n")
        return EXIT_INTERRUPTED
    if summary.documents == 0 and summary.skipped == 0:
        skipped = f"; {summary.skipped_files} file(s) skipped (unknown format or hidden)" if summary.skipped_files else ""
        _err(f"no document read from {summary.files} input file(s){skipped}: nothing was extracted")
        return EXIT_NOTHING_READ
    return EXIT_DOC_ERRORS if summary.errors else EXIT_OK


def _resume_hint(args: argparse.Namespace, argv: Sequence[str]) -> str:
    if args.output in (None, "-") and not (args.db or args.parquet):
        return "stdout cannot be resumed; write to a file (-o) or a database (--db) to resume a run"
    return f"resume with\n  {resume_command(argv)}"


def resume_command(argv: Sequence[str]) -> str:
    """The command line that continues this run: the same arguments plus ``--resume``."""
    args = list(argv)
    if "--resume" not in args:
        args.append("--resume")
    return shlex.join(["vn-welfare-extract", *args])


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def schema(argv: Sequence[str]) -> int:
    from .tables import ENGINES, schema_sql

    p = argparse.ArgumentParser(prog="vn-welfare-extract schema", description="Print the database schema (DDL).")
    p.add_argument("--engine", choices=ENGINES, default="sqlite")
    args = p.parse_args(list(argv))
    sys.stdout.write(schema_sql(args.engine))
    return EXIT_OK


def _plugin_main(name: str) -> Callable[[list[str]], Any]:
    """The ``main(argv)`` of a subcommand in a module of its own (imported only when it is run)."""
    if name == "eval":
        from .evaluate import main as eval_main

        return eval_main
    if name == "audit":
        from .audit import main as audit_main

        return audit_main
    from .view import main as show_main

    return show_main


def _plugin(name: str) -> Callable[[Sequence[str]], int]:
    module, what = _PLUGINS[name]

    def call(argv: Sequence[str]) -> int:
        try:
            entry = _plugin_main(name)
        except ImportError as e:
            if e.name != module:
                raise
            _err(f"'{name}' ({what}) is not available in this installation: module {module} is missing")
            return EXIT_USAGE
        return int(entry(list(argv)) or 0)

    return call


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        cmd, rest = args[0], args[1:]
    else:
        cmd, rest = "run", args
    if cmd == "run":
        return run(rest)
    if cmd == "schema":
        return schema(rest)
    return _plugin(cmd)(rest)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
