"""Sinks: where the batch writes each document's result.

A sink receives ``DocResult`` lists in input order (``write``), keeps its own ledger of
documents already written (``done_ids``, read back for ``--resume``) and makes everything it
accepted durable on ``flush``/``close``. A sink that can replace a document's result also has
``failed_ids`` (documents written as error rows) and ``retry(ids)`` (forget them, so a resumed
run writes them again in place of the error rows). ``JsonlSink`` writes one JSON record per line; the
database sinks live in ``vn_welfare_extract.db``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from typing import IO, Any, Protocol

Rows = dict[str, list[tuple[Any, ...]]]  # table name -> rows in the column order of tables


@dataclass(slots=True)
class DocResult:
    """What a worker returns for one document: the JSON line and/or the table rows it needs."""

    doc_id: str
    ok: bool
    line: str | None = None  # the record as one JSON line (no newline)
    rows: Rows | None = None
    counts: dict[str, int] = field(default_factory=dict)  # items per type
    error: tuple[str, str] | None = None  # (code, message) when not ok
    nbytes: int = 0
    nchars: int = 0
    extra: Any = None  # the ``BatchOptions.inspect`` hook's value (the coverage audit's findings)


class Sink(Protocol):
    wants_json: bool
    wants_rows: bool
    name: str

    def done_ids(self) -> set[str]: ...

    def write(self, results: list[DocResult]) -> None: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


# The record's first key is doc_id (``Record.to_dict`` order): read it without parsing the line.
_DOC_ID_RE = re.compile(rb'^\{"doc_id": ("(?:[^"\\]|\\.)*"|null)[,}]')


# The last key of an error record (``batch.error_record``); quotes inside JSON strings are escaped,
# so these bytes only occur as the record's own key.
_ERROR_KEY = b', "error": {"code": '


def read_done_ids(path: str, repair: bool = True) -> set[str]:
    """Doc ids of the complete lines of an existing JSON lines output. A torn last line (a run
    killed mid-write) is cut off the file when ``repair`` is true, so appending goes on cleanly."""
    return read_ledger(path, repair)[0]


def read_ledger(path: str, repair: bool = True) -> tuple[set[str], set[str]]:
    """``read_done_ids`` and, of those, the ids whose line is an error record."""
    done: set[str] = set()
    failed: set[str] = set()
    if not os.path.exists(path):
        return done, failed
    good_end = 0
    with open(path, "rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break  # torn: the last line without its newline
            good_end += len(line)
            m = _DOC_ID_RE.match(line)
            did: Any
            if m is not None:
                did = json.loads(m.group(1))
            else:
                try:
                    did = json.loads(line).get("doc_id")
                except (ValueError, AttributeError):
                    continue
            if isinstance(did, str):
                done.add(did)
                if _ERROR_KEY in line:
                    failed.add(did)
    if repair and good_end < os.path.getsize(path):
        with open(path, "r+b") as f:
            f.truncate(good_end)
    return done, failed


class JsonlSink:
    """JSON lines to a file (or stdout when ``path`` is None or ``-``), one record per line in
    input order. With ``resume`` it appends after the complete lines already there."""

    wants_json = True
    wants_rows = False

    def __init__(self, path: str | None = None, resume: bool = False, flush_every: float = 1.0) -> None:
        self.path = None if path in (None, "-") else path
        self.name = self.path or "stdout"
        self._done: set[str] = set()
        self._failed: set[str] = set()
        if self.path is None:
            if resume:
                raise ValueError("--resume needs an output file or a database (stdout cannot be read back)")
            self._f: IO[bytes] = sys.stdout.buffer
        else:
            if self.path.endswith(".gz"):
                raise ValueError("compressed output is not supported: write .jsonl and compress afterwards")
            if resume:
                self._done, self._failed = read_ledger(self.path)
            self._f = open(self.path, "ab" if resume else "wb")  # noqa: SIM115 - closed in close()
        self._flush_every = flush_every
        self._last = time.monotonic()

    def done_ids(self) -> set[str]:
        return self._done

    def failed_ids(self) -> set[str]:
        return self._failed

    def retry(self, ids: set[str]) -> None:
        """Drop the error lines of ``ids`` from the file (rewritten in place, the other lines in
        their order): the resumed run appends their new results."""
        drop = ids & self._failed
        if not drop or self.path is None:
            return
        self._f.close()
        tmp = self.path + ".retry-tmp"
        with open(self.path, "rb") as src, open(tmp, "wb") as dst:
            for line in src:
                if _ERROR_KEY in line:
                    m = _DOC_ID_RE.match(line)
                    did = json.loads(m.group(1)) if m is not None else json.loads(line).get("doc_id")
                    if did in drop:
                        continue
                dst.write(line)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, self.path)
        self._f = open(self.path, "ab")  # noqa: SIM115 - closed in close()
        self._done -= drop
        self._failed -= drop

    def write(self, results: list[DocResult]) -> None:
        done = self._done
        parts = [r.line.encode("utf-8") + b"\n" for r in results if r.line is not None and r.doc_id not in done]
        if parts:
            self._f.write(b"".join(parts))
        now = time.monotonic()
        if now - self._last >= self._flush_every:
            self._f.flush()
            self._last = now

    def flush(self) -> None:
        self._f.flush()

    def close(self) -> None:
        try:
            self._f.flush()
        finally:
            if self.path is not None:
                self._f.close()
