"""Write a batch database's portfolio report: matrix.csv, results.json and report.html.

Above both the report data (batch/report.py) and the HTML page (batch/html.py), so neither imports the other's user.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from msalint.batch.html import render_html
from msalint.batch.report import load_report_data, to_json, write_matrix_csv
from msalint.errors import OutputError
from msalint.files import atomic_output


def write_report(db: str | os.PathLike, out_dir: str | os.PathLike, *, title: str = "msalint batch review") -> list[Path]:
    """Write matrix.csv, results.json and report.html into ``out_dir``; returns the written paths."""
    data = load_report_data(db)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(out), exc) from None
    matrix, results, html_path = out / "matrix.csv", out / "results.json", out / "report.html"
    with atomic_output(matrix, newline="") as fh:
        write_matrix_csv(data, fh)
    with atomic_output(results) as fh:
        fh.write(json.dumps(to_json(data), indent=1, ensure_ascii=False, default=str))
    with atomic_output(html_path) as fh:
        fh.write(render_html(data, title=title))
    return [matrix, results, html_path]
