"""Write a batch database's portfolio report: matrix.csv, results.json and report.html.

Above both the report data (batch/report.py) and the HTML page (batch/html.py), so neither imports the other's user.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from msalint.batch.html import render_html
from msalint.batch.report import load_report_data, to_json, write_matrix_csv


def write_report(db: str | os.PathLike, out_dir: str | os.PathLike, *, title: str = "msalint batch review") -> list[Path]:
    """Write matrix.csv, results.json and report.html into ``out_dir``; returns the written paths."""
    data = load_report_data(db)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    matrix, results, html_path = out / "matrix.csv", out / "results.json", out / "report.html"
    write_matrix_csv(data, matrix)
    results.write_text(json.dumps(to_json(data), indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    html_path.write_text(render_html(data, title=title), encoding="utf-8")
    return [matrix, results, html_path]
