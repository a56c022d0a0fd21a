"""``vn_welfare_extract.dask``: the Dask integration (``engines.dask``); needs the ``dask`` extra."""

from .engines.dask import (
    extract_records,
    extract_tables,
    read_warc,
    registry_tables,
    table_meta,
    write_parquet,
    write_registry,
)

__all__ = [
    "extract_records",
    "extract_tables",
    "read_warc",
    "registry_tables",
    "table_meta",
    "write_parquet",
    "write_registry",
]
