"""Batch review: lint thousands of agreements into SQLite, resumably, and report on them."""
from __future__ import annotations

__all__ = ["BatchConfig", "BatchSummary", "run_batch", "write_report"]


def __getattr__(name: str):
    # Imported lazily so `msalint --help` never pays for sqlite/multiprocessing set-up.
    if name in {"BatchConfig", "BatchSummary", "run_batch"}:
        from msalint.batch import runner

        return getattr(runner, name)
    if name == "write_report":
        from msalint.batch.portfolio import write_report

        return write_report
    raise AttributeError(name)
