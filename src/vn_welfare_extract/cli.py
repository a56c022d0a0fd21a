"""``vn-welfare-extract``: the command line.

    vn-welfare-extract [run] [INPUTS...] [-o out.jsonl] [--db sqlite:///x.db | x.sqlite | postgresql://...] [--parquet DIR]
                       [--workers N] [--resume] [--format F] [--text-field NAME] ...
    vn-welfare-extract eval ...      (vn_welfare_extract.evaluate)
    vn-welfare-extract show ...      (vn_welfare_extract.view)
    vn-welfare-extract schema [--engine sqlite|postgres]

With no inputs, ``run`` reads the bundled ``corpus/articles.jsonl`` of the current directory.
Exit codes: 0 every document extracted; 1 some documents failed (error rows written); 2 usage or
configuration error (nothing processed); 3 an output failed mid-run (a database or disk error);
130 interrupted (Ctrl-C / SIGTERM: what was written is complete; ``--resume`` continues).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ._version import __version__

EXIT_OK = 0
EXIT_DOC_ERRORS = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3
EXIT_INTERRUPTED = 130

DEFAULT_CORPUS = os.path.join("corpus", "articles.jsonl")
SUBCOMMANDS = ("run", "eval", "show", "schema")

# Subcommands other helpers own: name -> (module, what it is).
_PLUGINS = {
    "eval": ("vn_welfare_extract.evaluate", "scoring records against gold files"),
    "show": ("vn_welfare_extract.view", "the review page"),
}


def _run_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="vn-welfare-extract",
        description="Extract structured, source-linked facts from Vietnamese news articles in batch. "
        "Subcommands: run (the default), eval, show, schema.",
        epilog=(
            "With no INPUTS the bundled corpus/articles.jsonl of the current directory is read. "
            "Exit codes: 0 all documents extracted, 1 some documents failed (their error rows are written), "
            "2 usage/configuration error, 3 an output failed mid-run, 130 interrupted (resume with --resume). "
            "See docs/batch.md."
        ),
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders (recursive), globs or - (stdin)")
    p.add_argument("-o", "--output", metavar="PATH", help="JSON lines output (default: stdout unless --db is given; - is stdout)")
    p.add_argument("--db", metavar="TARGET", help="database: sqlite:///file.db, file.sqlite / file.db, or postgresql://user@host:port/db")
    p.add_argument("--parquet", metavar="DIR", help="Parquet output: one folder of part files per table (pip install 'vn_welfare_extract[parquet]'; see docs/engines.md)")
    p.add_argument("--workers", "-j", type=int, default=None, metavar="N", help="worker processes (default: all cores; 1: in this process)")
    p.add_argument("--resume", action="store_true", help="skip documents already in the output/database (continue an interrupted run)")
    p.add_argument("--format", choices=("txt", "jsonl", "json", "csv", "tar", "warc"), help="input format for every input (default: by file name; stdin is sniffed)")
    p.add_argument("--text-field", metavar="NAME", help="field holding the article text (default: text, content, body)")
    p.add_argument("--id-field", metavar="NAME", help="field holding the document id (default: id, doc_id)")
    p.add_argument("--published-field", metavar="NAME", help="field holding the publication date (default: published, date, published_at)")
    p.add_argument("--url-field", metavar="NAME", help="field holding the URL (default: url, link)")
    p.add_argument("--title-field", metavar="NAME", help="field holding the title (default: title)")
    p.add_argument("--types", metavar="T,T", help="fact types to extract (default: all)")
    p.add_argument("--max-chars", type=int, default=None, metavar="N", help="longer documents become too_large errors (default: 2000000; 0: no limit)")
    p.add_argument("--timeout", type=float, default=None, metavar="S", help="seconds per document before a timeout error (default: 60; 0: none)")
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
    )
    sinks: list[Sink] = []
    try:
        paths = expand_inputs(inputs, args.format)  # fail fast on a missing input
        if args.db:
            sinks.append(open_database(args.db, resume=args.resume, batch_docs=max(1, args.batch_size)))
        if args.parquet:
            from .io.parquet import ParquetSink

            sinks.append(ParquetSink(args.parquet, resume=args.resume))
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
    except (InputError, ValueError) as e:
        _err(str(e))
        return EXIT_USAGE
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except Exception as e:  # an output failed (database gone, disk full): stop loudly
        _err(f"output failed: {type(e).__name__}: {e}; documents written so far are complete, rerun with --resume")
        return EXIT_OUTPUT
    finally:
        signal.signal(signal.SIGTERM, old_term)
    if not args.quiet:
        sys.stderr.write(summary.format() + "\n")
    if args.summary_json:
        with open(args.summary_json, "w", encoding="utf-8") as f:
            json.dump(summary.to_dict(), f, ensure_ascii=False, indent=1)
    if summary.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_DOC_ERRORS if summary.errors else EXIT_OK


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def schema(argv: Sequence[str]) -> int:
    from .db.schema import ENGINES, schema_sql

    p = argparse.ArgumentParser(prog="vn-welfare-extract schema", description="Print the database schema (DDL).")
    p.add_argument("--engine", choices=ENGINES, default="sqlite")
    args = p.parse_args(list(argv))
    sys.stdout.write(schema_sql(args.engine))
    return EXIT_OK


def _plugin_main(name: str) -> Callable[[list[str]], Any]:
    """The ``main(argv)`` of a subcommand other helpers own (imported only when it is run)."""
    if name == "eval":
        from .evaluate import main as eval_main

        return eval_main
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
