"""Batch input and output: readers (files, folders, globs, stdin -> ``InputDoc``) and the
JSON lines sink. Database sinks are in ``vn_welfare_extract.db``."""

from .docs import InputDoc
from .readers import FieldMap, InputError, detect_format, expand_inputs, iter_documents, total_size
from .sinks import DocResult, JsonlSink, Rows, Sink, read_done_ids

__all__ = [
    "DocResult",
    "FieldMap",
    "InputDoc",
    "InputError",
    "JsonlSink",
    "Rows",
    "Sink",
    "detect_format",
    "expand_inputs",
    "iter_documents",
    "read_done_ids",
    "total_size",
]
