"""The batch runner: documents in (``io.readers``), records out to sinks (JSON lines, SQLite,
PostgreSQL), in input order, in parallel, with bounded memory, and nothing lost.

- ``workers`` > 1 runs a process pool; documents travel in chunks (``chunk_docs`` documents or
  ``chunk_chars`` characters) and at most ``window`` chunks are in flight, so memory stays
  bounded whatever the archive size. Results are written in input order. ``workers == 1`` runs
  in this process.
- Workers do the CPU work: extraction, the JSON line and the database rows; the parent reads,
  writes and reports.
- Nothing lost: a document that is undecodable, too long (``max_chars``), slower than
  ``timeout`` seconds (SIGALRM in the worker, POSIX only) or raises becomes an error result
  (``DocResult.error``) and the run goes on. A worker process that dies (a crash, the OOM
  killer) breaks the pool: the unfinished chunks are re-run one document at a time in a new
  pool, and a document that kills a worker again becomes a ``worker_crashed`` error.
- ``resume``: documents already in every sink's ledger are skipped (see the sinks), except
  those whose earlier attempt ended as an error row: they are retried (``retry_failed``, the
  default; ``--skip-failed`` keeps them) and their old error rows replaced.
- Orphans: a worker whose parent dies (``kill -9``) exits within about a second
  (``PR_SET_PDEATHSIG`` on Linux, and a watcher thread that checks the parent everywhere).
- Before any work the first record is checked: a text field that is not there (a wrong CSV
  column, a wrong ``--text-field``) is an ``InputError`` naming the fields that exist.
- ``inspect``: a module-level function ``(doc, record, dropped) -> value`` run in the worker after
  each extraction (``dropped``: the items the resolver removed); its value travels back as
  ``DocResult.extra``. The coverage audit (``audit.py``) is built on it.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import resource
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import IO, TYPE_CHECKING, Any, TextIO

from ._version import __version__
from .api import TYPES, Extractor, default_extractor
from .db.rows import error_rows, record_rows
from .io.docs import InputDoc
from .io.readers import ENCODINGS, FieldMap, InputError, expand_inputs_report, iter_documents, total_size
from .io.sinks import DocResult, Rows, Sink
from .lexicons import Lexicons
from .model import ITEM_LISTS, SCHEMA_VERSION, Record, Warning
from .resolve import Dropped

Inspect = Callable[[InputDoc, Record, list[Dropped]], Any]

if TYPE_CHECKING:
    from .io.warc import WarcPage

log = logging.getLogger("vn_welfare_extract.batch")

DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_TIMEOUT = 60.0


@dataclass
class BatchOptions:
    workers: int | None = None  # None: all cores
    max_chars: int = DEFAULT_MAX_CHARS  # 0: no limit
    timeout: float = DEFAULT_TIMEOUT  # seconds per document; 0: none
    types: tuple[str, ...] | None = None
    store_text: bool = False
    resume: bool = False
    chunk_docs: int = 16
    chunk_chars: int = 400_000
    window: int | None = None  # chunks in flight; default 4 per worker
    inspect: Inspect | None = None  # per-document hook run in the worker (module-level function)
    retry_failed: bool = True  # with resume: documents whose earlier attempt was an error row run again
    encoding: str = "auto"  # how text files are decoded: auto (encodings.decode_bytes) or one of io.readers.ENCODINGS
    lexicon: Lexicons | None = None  # user lexicon entries (--lexicon FILE), sent to every worker

    def n_workers(self) -> int:
        return max(1, (os.cpu_count() or 1) if self.workers is None else self.workers)


@dataclass
class Summary:
    documents: int = 0  # results written in this run (ok + errors)
    ok: int = 0
    errors: int = 0
    skipped: int = 0  # already done (resume)
    retried: int = 0  # earlier error rows run again (resume)
    files: int = 0  # input files read (stdin counts as one)
    skipped_files: int = 0  # files of a folder skipped: unknown format or hidden
    items: dict[str, int] = field(default_factory=lambda: {t: 0 for t in ITEM_LISTS})
    error_codes: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    nbytes: int = 0
    nchars: int = 0
    peak_worker_rss_mb: float = 0.0
    workers: int = 1
    interrupted: bool = False

    def add(self, r: DocResult) -> None:
        self.documents += 1
        self.nbytes += r.nbytes
        self.nchars += r.nchars
        if r.ok:
            self.ok += 1
            for k, v in r.counts.items():
                self.items[k] = self.items.get(k, 0) + v
        else:
            self.errors += 1
            self.error_codes[r.error[0] if r.error else "error"] += 1

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.nbytes / 1e6 / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "ok": self.ok,
            "errors": self.errors,
            "error_codes": dict(self.error_codes),
            "skipped": self.skipped,
            "retried": self.retried,
            "files": self.files,
            "skipped_files": self.skipped_files,
            "items": dict(self.items),
            "seconds": round(self.seconds, 3),
            "mb": round(self.nbytes / 1e6, 3),
            "docs_per_s": round(self.docs_per_s, 2),
            "mb_per_s": round(self.mb_per_s, 3),
            "workers": self.workers,
            "peak_worker_rss_mb": round(self.peak_worker_rss_mb, 1),
            "interrupted": self.interrupted,
        }

    def format(self) -> str:
        items = ", ".join(f"{k} {v}" for k, v in self.items.items())
        lines = [
            f"documents: {self.documents} ({self.ok} ok, {self.errors} errors"
            + (f", {self.skipped} skipped as already done" if self.skipped else "")
            + (f", {self.retried} earlier errors retried" if self.retried else "")
            + ")" + (" - INTERRUPTED" if self.interrupted else ""),
            f"files: {self.files} read" + (f", {self.skipped_files} skipped (unknown format or hidden)" if self.skipped_files else ""),
            f"items: {items}",
        ]
        if self.error_codes:
            lines.append("errors: " + ", ".join(f"{k} {v}" for k, v in self.error_codes.most_common()))
        lines.append(
            f"time: {self.seconds:.1f} s, {self.docs_per_s:.1f} docs/s, {self.mb_per_s:.2f} MB/s, "
            f"{self.workers} worker(s), peak worker RSS {self.peak_worker_rss_mb:.0f} MB"
        )
        return "\n".join(lines)


# ---------------------------------------------------------------- worker side


class DocTimeout(BaseException):
    """Raised by SIGALRM in a worker. A BaseException, so the library's per-component
    ``except Exception`` cannot swallow it."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise DocTimeout()


class _Worker:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.extractor = Extractor(config["types"], **config["lexicon"])
        self.want_json: bool = config["want_json"]
        self.want_rows: bool = config["want_rows"]
        self.store_text: bool = config["store_text"]
        self.timeout: float = config["timeout"] if hasattr(signal, "setitimer") else 0.0
        self.inspect: Inspect | None = config.get("inspect")

    def run_chunk(self, docs: list[InputDoc]) -> tuple[list[DocResult], int]:
        out = [self.run_one(d) for d in docs]
        return out, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def run_one(self, doc: InputDoc) -> DocResult:
        if doc.error is not None or doc.text is None:
            code, msg = doc.error or ("no_text", "no text")
            return self.error(doc, code, msg)
        try:
            try:
                if self.timeout > 0:
                    signal.setitimer(signal.ITIMER_REAL, self.timeout)
                dropped: list[Dropped] | None = [] if self.inspect is not None else None
                rec = self.extractor.extract(doc.text, published=doc.published, doc_id=doc.doc_id, url=doc.url, title=doc.title, dropped=dropped)
                rec.warnings[:0] = [Warning(code, msg) for code, msg in doc.decoded]  # how the reader decoded the bytes
                line: str | None = None
                rows: Rows | None = None
                if self.want_json or self.want_rows:  # an audit run has no sink: no dict to build
                    d = record_dict(rec, doc)
                    line = json.dumps(d, ensure_ascii=False) if self.want_json else None
                    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
                    rows = record_rows(doc, d, now, self.store_text) if self.want_rows else None
                extra = self.inspect(doc, rec, dropped or []) if self.inspect is not None else None
            finally:
                if self.timeout > 0:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except DocTimeout:
            return self.error(doc, "timeout", f"no result after {self.timeout:g} s (--timeout)")
        except Exception as e:  # any bug on any input: an error row, never a lost run
            log.debug("document %s failed", doc.doc_id, exc_info=True)
            return self.error(doc, "exception", f"{type(e).__name__}: {e}")
        counts = {k: len(getattr(rec, k)) for k in ITEM_LISTS}
        return DocResult(doc.doc_id, True, line, rows, counts, None, doc.nbytes, len(doc.text), extra)

    def error(self, doc: InputDoc, code: str, message: str) -> DocResult:
        return make_error(doc, code, message, self.want_json, self.want_rows)


def record_dict(rec: Record, doc: InputDoc) -> dict[str, Any]:
    """The JSON lines form of a document's record: ``rec.to_dict()`` plus, only when the input
    has one (a WARC page), the crawl date as a top-level ``crawled`` key after ``url``/``title``.
    The crawl date is input metadata, not extraction output, so ``Record`` does not carry it."""
    d = rec.to_dict()
    if doc.crawled is None:
        return d
    out: dict[str, Any] = {}
    for k, v in d.items():
        if k == ITEM_LISTS[0]:
            out["crawled"] = doc.crawled
        out[k] = v
    out.setdefault("crawled", doc.crawled)
    return out


def error_record(doc: InputDoc, code: str, message: str) -> dict[str, Any]:
    """The JSON lines form of a failed document: the record shape with empty lists (and
    ``crawled`` when the input has it), the error as a warning, and an ``error`` object
    (``code``, ``message``, ``source``)."""
    rec = Record(doc_id=doc.doc_id, published=None, library_version=__version__, url=doc.url, title=doc.title)
    d = record_dict(rec, doc)
    d["warnings"] = [{"code": code, "message": message, "start": None, "end": None}]
    d["error"] = {"code": code, "message": message, "source": doc.source}
    return d


def make_error(doc: InputDoc, code: str, message: str, want_json: bool, want_rows: bool) -> DocResult:
    line = json.dumps(error_record(doc, code, message), ensure_ascii=False) if want_json else None
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    rows = error_rows(doc, code, message, now, __version__, SCHEMA_VERSION) if want_rows else None
    return DocResult(doc.doc_id, False, line, rows, {}, (code, message), doc.nbytes, len(doc.text or ""))


_STATE: _Worker | None = None


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent dies: the kernel's parent-death signal on Linux, and a
    watcher thread (everywhere) that sees the worker re-parented. Without them the workers of a
    ``kill -9``ed run sleep forever on a queue the other workers keep open."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no libc: the watcher still runs
            pass
    if os.getppid() != parent:  # the parent died before we got here
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="vwe-parent-watch", daemon=True).start()


def _init_worker(config: dict[str, Any], parent: int | None = None) -> None:
    global _STATE
    if parent is not None:
        _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler (inherited by fork)
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _on_alarm)
    if _STATE is None or _STATE.config != config:
        _STATE = _Worker(config)


def _work_chunk(docs: list[InputDoc]) -> tuple[list[DocResult], int]:
    assert _STATE is not None
    return _STATE.run_chunk(docs)


# ---------------------------------------------------------------- progress


class Progress:
    """docs/s, MB/s and (when the input size is known) percent and ETA on stderr. On a terminal
    the line is redrawn at most 5 times a second; otherwise one line every ``interval`` seconds."""

    def __init__(self, total_bytes: int | None, enabled: bool = True, interval: float = 10.0, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total_bytes or None
        self.enabled = enabled
        self.tty = self.stream.isatty()
        self.interval = 0.2 if self.tty else interval
        self.t0 = time.monotonic()
        self.last = self.t0
        self.drawn = False

    def update(self, s: Summary, pos: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < self.interval:
            return
        self.last = now
        self._draw(s, pos, now)

    def _draw(self, s: Summary, pos: int, now: float) -> None:
        el = max(now - self.t0, 1e-9)
        msg = f"{s.documents} docs, {s.errors} errors, {s.documents / el:.1f} docs/s, {s.nbytes / 1e6 / el:.2f} MB/s"
        if self.total and pos > 0:
            frac = min(pos / self.total, 1.0)
            eta = el * (1 - frac) / frac if frac > 0 else 0.0
            msg = f"{frac * 100:5.1f}% " + msg + f", ETA {_hms(eta)}"
        msg += f", {_hms(el)} elapsed"
        if self.tty:
            self.stream.write("\r\x1b[K" + msg)
            self.drawn = True
        else:
            self.stream.write(msg + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty and self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _hms(sec: float) -> str:
    sec = int(sec)
    return f"{sec // 3600}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


# ---------------------------------------------------------------- the run


@dataclass
class _Chunk:
    docs: list[InputDoc]
    pos: int  # input position after the chunk's last document


def _chunks(docs: Iterable[InputDoc], max_docs: int, max_chars: int) -> Iterator[_Chunk]:
    buf: list[InputDoc] = []
    chars = 0
    for d in docs:
        buf.append(d)
        chars += len(d.text) if d.text is not None else 0
        if len(buf) >= max_docs or chars >= max_chars:
            yield _Chunk(buf, d.pos)
            buf, chars = [], 0
    if buf:
        yield _Chunk(buf, buf[-1].pos)


def run_batch(
    inputs: Sequence[str],
    sinks: Sequence[Sink],
    options: BatchOptions | None = None,
    *,
    fmt: str | None = None,
    fields: FieldMap | None = None,
    progress: Progress | None = None,
    on_result: Callable[[DocResult], None] | None = None,
) -> Summary:
    """Read ``inputs``, extract every document, write results to every sink in input order.

    Raises ``io.InputError`` / ``ValueError`` for configuration problems before any work.
    ``KeyboardInterrupt`` stops the run cleanly: whatever was written is complete, the sinks are
    flushed and closed, and the summary says ``interrupted``.
    """
    opts = options or BatchOptions()
    if opts.types is not None:
        bad = [t for t in opts.types if t not in TYPES]
        if bad:
            raise ValueError(f"unknown type(s) {bad}; valid types: {', '.join(TYPES)}")
    if opts.encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {opts.encoding!r}; valid: {', '.join(ENCODINGS)}")
    paths, skipped_files = expand_inputs_report(inputs, fmt)
    roots: dict[str, str] = {}
    for raw in inputs:
        if raw != "-" and os.path.isdir(raw):
            for p in paths:
                if p.startswith(os.path.join(raw, "")) or p.startswith(raw.rstrip("/") + "/"):
                    roots.setdefault(p, raw)
    n = opts.n_workers()
    summary = Summary(workers=n, files=len(paths), skipped_files=skipped_files)
    prog = progress or Progress(total_size(paths), enabled=False)
    fm = fields or FieldMap()
    stream = iter_documents(paths, fmt, fm, roots, encoding=opts.encoding)
    head = next(stream, None)
    if head is not None and head.fields is not None:  # the text field is not in the first record
        for s in sinks:
            s.close()
        raise InputError(
            f"{head.source}: no text field {' / '.join(fm.text)} in the first record; it has "
            f"{', '.join(head.fields) or 'no fields'} (name the text field with --text-field NAME)"
        )
    done: set[str] | None = None
    retry: set[str] = set()
    if opts.resume:
        sets = [s.done_ids() for s in sinks]
        done = set.intersection(*sets) if sets else set()
        if opts.retry_failed:
            retry = set().union(*(s.failed_ids() for s in sinks if hasattr(s, "failed_ids")))
            for s in sinks:
                if hasattr(s, "retry"):
                    s.retry(retry)
            done -= retry
    config = {
        "types": opts.types,
        "lexicon": (opts.lexicon or Lexicons()).config(),
        "want_json": any(s.wants_json for s in sinks),
        "want_rows": any(s.wants_rows for s in sinks),
        "store_text": opts.store_text,
        "timeout": float(opts.timeout or 0),
        "inspect": opts.inspect,
    }

    def docs() -> Iterator[InputDoc]:
        for d in itertools.chain([head] if head is not None else [], stream):
            if done is not None and d.doc_id in done:
                summary.skipped += 1
                continue
            if d.doc_id in retry:
                summary.retried += 1
            if opts.max_chars and d.text is not None and len(d.text) > opts.max_chars:
                d.error = ("too_large", f"{len(d.text)} characters, more than --max-chars {opts.max_chars}")
                d.text = None
            yield d

    t0 = time.monotonic()
    chunks = _chunks(docs(), opts.chunk_docs, opts.chunk_chars)
    runner: _Runner = _serial(chunks, config) if n == 1 else _parallel(chunks, config, n, opts.window or 4 * n)
    try:
        for chunk, results, rss_kb in runner:
            for s in sinks:
                s.write(results)
            for r in results:
                summary.add(r)
                if on_result is not None:
                    on_result(r)
            summary.peak_worker_rss_mb = max(summary.peak_worker_rss_mb, rss_kb / 1024)
            summary.seconds = time.monotonic() - t0
            prog.update(summary, chunk.pos)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        runner.close()  # stops the pool (GeneratorExit in the generator)
        prog.close()
        summary.seconds = time.monotonic() - t0
        first: BaseException | None = None
        for s in sinks:
            try:
                s.close()
            except BaseException as e:  # close every sink; report the first failure
                first = first or e
        if first is not None:
            raise first
    return summary


_Out = tuple[_Chunk, list[DocResult], int]
_Runner = Generator[_Out, None, None]


def _serial(chunks: Iterable[_Chunk], config: dict[str, Any]) -> _Runner:
    worker = _Worker(config)
    old = signal.signal(signal.SIGALRM, _on_alarm) if hasattr(signal, "SIGALRM") else None
    try:
        for c in chunks:
            results, rss = worker.run_chunk(c.docs)
            yield c, results, rss
    finally:
        if hasattr(signal, "SIGALRM"):
            signal.signal(signal.SIGALRM, old)


def _pool(config: dict[str, Any], n: int) -> ProcessPoolExecutor:
    import multiprocessing as mp

    global _STATE
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    if method == "fork" and (_STATE is None or _STATE.config != config):
        _STATE = _Worker(config)  # built once here, shared copy-on-write by the forked workers
    return ProcessPoolExecutor(
        max_workers=n, mp_context=mp.get_context(method), initializer=_init_worker, initargs=(config, os.getpid())
    )


def _stop(pool: ProcessPoolExecutor) -> None:
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:  # do not wait for chunks nobody will read
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(5)


def _parallel(chunks: Iterable[_Chunk], config: dict[str, Any], n: int, window: int) -> _Runner:
    pool = _pool(config, n)
    pending: deque[tuple[Future[tuple[list[DocResult], int]], _Chunk]] = deque()
    it = iter(chunks)
    exhausted = False
    clean = False
    try:
        while True:
            while not exhausted and len(pending) < window:
                c = next(it, None)
                if c is None:
                    exhausted = True
                    break
                pending.append((pool.submit(_work_chunk, c.docs), c))
            if not pending:
                clean = True
                return
            fut, c = pending.popleft()
            try:
                results, rss = fut.result()
            except BrokenProcessPool:
                log.warning("a worker process died; re-running the unfinished documents one by one")
                todo = [c] + [pc for _, pc in pending]
                pending.clear()
                _stop(pool)
                pool = _pool(config, n)
                for tc in todo:
                    out: list[DocResult] = []
                    for d in tc.docs:
                        r, pool = _isolated(pool, d, config, n)
                        out.append(r)
                    yield tc, out, 0
                continue
            yield c, results, rss
    finally:
        if clean:
            pool.shutdown(wait=True)
        else:
            _stop(pool)


def _isolated(pool: ProcessPoolExecutor, d: InputDoc, config: dict[str, Any], n: int) -> tuple[DocResult, ProcessPoolExecutor]:
    """One document on its own; a document that kills its worker again is a ``worker_crashed`` error."""
    try:
        results, _ = pool.submit(_work_chunk, [d]).result()
        return results[0], pool
    except BrokenProcessPool:
        _stop(pool)
        r = make_error(d, "worker_crashed", "the worker process died on this document", config["want_json"], config["want_rows"])
        return r, _pool(config, n)


def extract_warc(
    source: str | os.PathLike[str] | IO[bytes], extractor: Extractor | None = None, extensive_dates: bool = False
) -> Iterator[tuple[WarcPage, Record]]:
    """``(page, record)`` for every HTML page of a WARC file with main text, in this process;
    offsets index ``page.text``. (The reader, ``io.warc``, only reads; extraction is here.)"""
    from .io.warc import iter_pages

    ex = extractor or default_extractor()

    for p in iter_pages(source, extensive_dates=extensive_dates):
        if p.text is None:
            continue
        yield p, ex.extract(p.text, published=p.published, doc_id=p.doc_id, url=p.url, title=p.title)
