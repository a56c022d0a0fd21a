"""Input readers: files, folders, globs and stdin in -> a stream of ``InputDoc``.

Every reader is a generator over ``InputDoc`` that never raises for content: a line that is not
JSON, bytes that are not UTF-8 or a record without text become an ``InputDoc`` carrying an
``error`` (code, message), so the batch writes an error row and goes on. Configuration problems
(a missing file, an unknown format, a glob matching nothing) raise ``InputError`` before any
document is read.

Formats (by name, or forced with ``fmt``):

- ``txt``: one article per file (the seed's ` date YYYY-MM` header is left in the text: the
  library reads it); the doc id is the file name without ``.txt`` (relative path inside a folder).
  The bytes are decoded by ``encodings.decode_bytes`` (UTF-8, else TCVN3, VNI, VIQR or
  Windows-1258, with a ``decoded_*`` warning on the record) or by the ``encoding`` given
  (``ENCODINGS``; ``--encoding``). A file nothing fits is an ``undecodable`` error document.
- ``jsonl`` (``.jsonl``, ``.ndjson``, ``.jsonl.gz``, ``.ndjson.gz``): one JSON object per line
  (JSON, JSON lines and CSV must be UTF-8).
- ``json``: a list of objects, an object holding such a list (``articles``/``documents``/
  ``data``/``items``) or a single object. Read whole (use JSON lines for big archives).
- ``csv`` (``.csv``, ``.tsv``, optionally ``.gz``): a header row names the fields.
- ``tar`` (``.tar``, ``.tar.gz``, ``.tgz``): members read by their own names (text files,
  JSON lines, ...); the doc id of a text member is its path without ``.txt``.
- ``warc`` (``.warc``, ``.warc.gz``): HTML pages of a web crawl, main text by trafilatura
  (``io.warc``; the ``warc`` extra).
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import os
import re
import sys
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .docs import InputDoc

FORMATS = ("txt", "jsonl", "json", "csv", "tar", "warc")
# --encoding: "auto" is the library's detector (encodings.decode_bytes); the others force one.
ENCODINGS = ("auto", "utf-8", "tcvn3", "vni", "viqr", "cp1258")
_SURROGATE = re.compile("[\ud800-\udfff]")


class InputError(ValueError):
    """A configuration problem with the inputs (exit code 2)."""


@dataclass(frozen=True)
class FieldMap:
    """Which record fields hold the text and metadata. Each is a tuple of candidate names; the
    first one present wins. ``--text-field body`` gives ``text=("body",)``."""

    text: tuple[str, ...] = ("text", "content", "body")
    id: tuple[str, ...] = ("id", "doc_id")
    published: tuple[str, ...] = ("published", "date", "published_at")
    url: tuple[str, ...] = ("url", "link")
    title: tuple[str, ...] = ("title",)


@dataclass
class _Cursor:
    """Raw bytes consumed by the inputs already finished (the current one adds its own ``tell``)."""

    done: int = 0
    sizes: dict[str, int] = field(default_factory=dict)


def detect_format(name: str) -> str | None:
    n = name.lower()
    if n.endswith(".gz"):
        n = n[:-3]
        if n.endswith(".tar"):
            return "tar"
    if n.endswith(".tgz") or n.endswith(".tar"):
        return "tar"
    ext = os.path.splitext(n)[1]
    return {
        ".txt": "txt",
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".json": "json",
        ".csv": "csv",
        ".tsv": "csv",
        ".warc": "warc",
    }.get(ext)


def expand_inputs(inputs: Iterable[str], fmt: str | None = None) -> list[str]:
    """Paths in reading order: files as given, folders recursively (sorted, known formats only,
    hidden entries skipped), globs expanded (sorted). ``-`` stays as is (stdin)."""
    return expand_inputs_report(inputs, fmt)[0]


def expand_inputs_report(inputs: Iterable[str], fmt: str | None = None) -> tuple[list[str], int]:
    """``expand_inputs`` and the number of files found in folders but skipped (hidden, or a
    format that cannot be told from the name)."""
    skipped = 0
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    out: list[str] = []
    for raw in inputs:
        if raw == "-":
            out.append(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            files = [f for f in p.rglob("*") if f.is_file()]
            found = sorted(
                str(f)
                for f in files
                if not any(part.startswith(".") for part in f.relative_to(p).parts)
                and (fmt is not None or detect_format(f.name) is not None)
            )
            skipped += len(files) - len(found)
            out.extend(found)
        elif p.is_file():
            out.append(raw)
        elif glob.has_magic(raw):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                raise InputError(f"no file matches {raw!r}")
            out.extend(matches)
        else:
            raise InputError(f"input not found: {raw}")
    for path in out:
        if path != "-" and fmt is None and detect_format(path) is None:
            raise InputError(f"cannot tell the format of {path}; name it .txt/.jsonl/.json/.csv/.tar.gz/.warc.gz or pass --format")
    if fmt == "warc" or any(p != "-" and detect_format(p) == "warc" for p in out):
        from .warc import read_warc  # noqa: F401 - raises ImportError with the install hint before any work
    return out, skipped


def total_size(paths: Iterable[str]) -> int | None:
    """Bytes on disk of all inputs, or None when one is stdin (the total is then unknown)."""
    total = 0
    for p in paths:
        if p == "-":
            return None
        total += os.path.getsize(p)
    return total


def iter_documents(
    inputs: Iterable[str],
    fmt: str | None = None,
    fields: FieldMap | None = None,
    roots: dict[str, str] | None = None,
    encoding: str = "auto",
) -> Iterator[InputDoc]:
    """Every document of ``inputs`` (already expanded, see ``expand_inputs``), in order.

    ``roots`` maps a file to the folder it was found under, so text files get their relative
    path as doc id. ``InputDoc.pos`` counts raw bytes read so far (compressed bytes for ``.gz``).
    ``encoding`` (``ENCODINGS``) decodes text files (``decode_input``).
    """
    if encoding not in ENCODINGS:
        raise InputError(f"unknown encoding {encoding!r}; valid: {', '.join(ENCODINGS)}")
    fm = fields or FieldMap()
    done = 0
    for path in inputs:
        if path == "-":
            raw = sys.stdin.buffer
            yield from _read_stream(raw, "stdin", fmt, fm, None, lambda: 0, encoding)
            continue
        f = open(path, "rb")  # noqa: SIM115 - closed below; the position feeds the ETA
        try:
            base = done
            size = os.fstat(f.fileno()).st_size
            name = path
            root = (roots or {}).get(path)
            txt_id = _txt_id(path, root)
            for doc in _read_stream(f, name, fmt or detect_format(path), fm, txt_id, f.tell, encoding):
                doc.pos = base + f.tell()
                yield doc
            done = base + size
        finally:
            f.close()


def _txt_id(path: str, root: str | None) -> str:
    p = Path(path)
    if root is not None:
        rel = p.relative_to(root).as_posix()
    else:
        rel = p.name
    for suffix in (".txt", ".TXT"):
        if rel.endswith(suffix):
            return rel[: -len(suffix)]
    return rel


def _sniff(head: bytes) -> str:
    s = head.lstrip()
    if s.startswith(b"{"):
        return "jsonl"
    if s.startswith(b"["):
        return "json"
    if s.startswith(b"WARC/"):
        return "warc"
    return "txt"


def _read_stream(
    raw: IO[bytes], name: str, fmt: str | None, fm: FieldMap, txt_id: str | None, tell: Any, encoding: str = "auto"
) -> Iterator[InputDoc]:
    gz = name.lower().endswith((".gz", ".tgz"))
    if fmt == "tar":
        yield from _read_tar(raw, name, fm, encoding)
        return
    if fmt == "warc":  # warcio reads plain and gzipped WARC itself
        from .warc import read_warc

        yield from read_warc(raw, name)
        return
    stream: Any = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
    if fmt is None:  # stdin: look at the first bytes
        if not hasattr(stream, "peek"):
            stream = io.BufferedReader(stream)
        fmt = _sniff(stream.peek(64)[:64])
    if fmt == "warc":  # sniffed on stdin
        from .warc import read_warc

        yield from read_warc(stream, name)
    elif fmt == "txt":
        data = stream.read()
        yield _txt_doc(data, txt_id or name, name, encoding)
    elif fmt == "jsonl":
        yield from _read_jsonl(stream, name, fm)
    elif fmt == "json":
        yield from _read_json(stream.read(), name, fm)
    elif fmt == "csv":
        yield from _read_csv(stream, name, fm)
    else:  # pragma: no cover - expand_inputs rejects unknown formats
        raise InputError(f"unknown format {fmt!r} for {name}")


def decode_input(data: bytes, encoding: str = "auto") -> tuple[str, tuple[tuple[str, str], ...]]:
    """Bytes of a text file -> (text, the warnings saying how it was decoded). ``auto`` is what
    ``extract(bytes)`` does (``encodings.decode_bytes``: UTF-8, else TCVN3, VNI, Windows-1258,
    and VIQR or mojibake repaired); a named encoding decodes with it. Raises
    ``UnicodeDecodeError`` or ``encodings.DecodeError`` (a ``ValueError``) when nothing fits."""
    from ..encodings import decode_bytes, decode_legacy

    if encoding == "utf-8":
        return data.decode("utf-8-sig"), ()
    if encoding != "auto":
        return decode_legacy(data, encoding), ((f"decoded_{encoding}", f"input decoded as {encoding} (--encoding)"),)
    text, warnings = decode_bytes(data, errors="strict")
    return text, tuple((w.code, w.message) for w in warnings if w.code != "binary_input")  # extract() says binary_input itself


def _txt_doc(data: bytes, doc_id: str, source: str, encoding: str = "auto") -> InputDoc:
    try:
        text, decoded = decode_input(data, encoding)
    except UnicodeDecodeError as e:
        return InputDoc(doc_id, None, source=source, nbytes=len(data), error=("undecodable", f"not UTF-8: {e.reason} at byte {e.start}"))
    except ValueError as e:
        return InputDoc(doc_id, None, source=source, nbytes=len(data), error=("undecodable", str(e)))
    return InputDoc(doc_id, text, source=source, nbytes=len(data), decoded=decoded)


def _pick(obj: dict[str, Any], names: tuple[str, ...]) -> Any:
    for n in names:
        if n in obj:
            return obj[n]
    return None


def _meta(v: Any) -> str | None:
    if v is None or v == "":
        return None
    return v if isinstance(v, str) else str(v)


def from_mapping(obj: Any, fallback_id: str, source: str, nbytes: int, fm: FieldMap, raw_bytes: bool = False) -> InputDoc:
    """A JSON/CSV record -> ``InputDoc`` (an error doc when it has no usable text).

    Lone surrogates (JSON ``"\\ud800"`` escapes) become U+FFFD, one character for one, so
    offsets hold; with ``raw_bytes`` (CSV read with ``surrogateescape``) they mean bytes that
    are not UTF-8 and the document is an ``undecodable`` error."""
    if not isinstance(obj, dict):
        return InputDoc(fallback_id, None, source=source, nbytes=nbytes, error=("bad_record", f"expected a JSON object, got {type(obj).__name__}"))
    did = _clean_meta(_meta(_pick(obj, fm.id))) or fallback_id
    text = _pick(obj, fm.text)
    doc = InputDoc(
        did,
        None,
        published=_clean_meta(_meta(_pick(obj, fm.published))),
        url=_clean_meta(_meta(_pick(obj, fm.url))),
        title=_clean_meta(_meta(_pick(obj, fm.title))),
        source=source,
        nbytes=nbytes,
        crawled=_clean_meta(_meta(obj.get("crawled"))),  # a crawl date (WARC page mappings, engines)
    )
    if not isinstance(text, str):
        doc.error = ("no_text", f"no text field ({' / '.join(fm.text)}) holding a string")
        if not any(n in obj for n in fm.text):
            doc.fields = tuple(str(k) for k in obj)
    elif _SURROGATE.search(text) is None:
        doc.text = text
    elif raw_bytes:
        doc.error = ("undecodable", "the text holds bytes that are not UTF-8")
    else:
        doc.text = _SURROGATE.sub("\ufffd", text)
    return doc


def _clean_meta(v: str | None) -> str | None:
    if v is None or _SURROGATE.search(v) is None:
        return v
    return _SURROGATE.sub("\ufffd", v)


def _read_jsonl(stream: IO[bytes], name: str, fm: FieldMap) -> Iterator[InputDoc]:
    short = os.path.basename(name)
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        fallback = f"{short}:{lineno}"
        src = f"{name}:{lineno}"
        try:
            s = line.decode("utf-8")
        except UnicodeDecodeError as e:
            did = fallback
            try:  # keep the record's own id when the rest of the line is readable
                obj = json.loads(line.decode("utf-8", "replace"))
                did = _clean_meta(_meta(_pick(obj, fm.id))) or fallback if isinstance(obj, dict) else fallback
            except ValueError:
                pass
            yield InputDoc(did, None, source=src, nbytes=len(line), error=("undecodable", f"line is not UTF-8: {e.reason} at byte {e.start}"))
            continue
        try:
            obj = json.loads(s)
        except ValueError as e:
            yield InputDoc(fallback, None, source=src, nbytes=len(line), error=("bad_json", f"line is not JSON: {e}"))
            continue
        yield from_mapping(obj, fallback, src, len(line), fm)


_JSON_LIST_KEYS = ("articles", "documents", "data", "items", "records")


def _read_json(data: bytes, name: str, fm: FieldMap) -> Iterator[InputDoc]:
    short = os.path.basename(name)
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        yield InputDoc(short, None, source=name, nbytes=len(data), error=("bad_json", f"file is not UTF-8 JSON: {e}"))
        return
    if isinstance(obj, dict):
        for k in _JSON_LIST_KEYS:
            if isinstance(obj.get(k), list):
                obj = obj[k]
                break
    items = obj if isinstance(obj, list) else [obj]
    per = len(data) // max(1, len(items))
    for i, item in enumerate(items):
        yield from_mapping(item, f"{short}:{i}", f"{name}#{i}", per, fm)


def _read_csv(stream: IO[bytes], name: str, fm: FieldMap) -> Iterator[InputDoc]:
    csv.field_size_limit(2**31 - 1)
    short = os.path.basename(name)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    delim = "\t" if name.lower().removesuffix(".gz").endswith(".tsv") else ","
    reader = csv.DictReader(text, delimiter=delim)
    try:
        for i, row in enumerate(reader, 1):
            t = row.get(fm.text[0]) if len(fm.text) == 1 else _pick(row, fm.text)
            nbytes = len(t) if isinstance(t, str) else 0
            yield from_mapping(dict(row), f"{short}:{i}", f"{name}:{reader.line_num}", nbytes, fm, raw_bytes=True)
    except csv.Error as e:
        yield InputDoc(f"{short}:error", None, source=name, error=("bad_csv", f"unreadable CSV near line {reader.line_num}: {e}"))
    finally:
        text.detach()  # leave the underlying file open for its owner


def _read_tar(raw: IO[bytes], name: str, fm: FieldMap, encoding: str = "auto") -> Iterator[InputDoc]:
    try:
        tf = tarfile.open(fileobj=raw, mode="r|*")
    except tarfile.TarError as e:
        yield InputDoc(os.path.basename(name), None, source=name, error=("bad_archive", f"unreadable tar archive: {e}"))
        return
    with tf:
        try:
            for member in tf:
                mname = member.name.removeprefix("./")
                if not member.isfile() or any(p.startswith(".") for p in mname.split("/")):
                    continue
                mfmt = detect_format(mname)
                if mfmt is None or mfmt == "tar":
                    continue
                fobj = tf.extractfile(member)
                if fobj is None:
                    continue
                src = f"{name}!{mname}"
                txt_id = mname[:-4] if mname.lower().endswith(".txt") else mname
                yield from _read_stream(fobj, src, mfmt, fm, txt_id, fobj.tell, encoding)
        except (tarfile.TarError, EOFError, OSError) as e:
            yield InputDoc(f"{os.path.basename(name)}:error", None, source=name, error=("bad_archive", f"archive is damaged: {e}"))
