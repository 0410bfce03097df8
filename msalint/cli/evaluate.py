"""`msalint eval`: measure element-detection accuracy against labeled contracts."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from msalint.cli.common import cli_settings, rule_options
from msalint.cli.progress import ProgressPrinter, progress_mode
from msalint.evaluation.split import SPLITS, split_of


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"msalint: error: {message}", err=True)
    sys.exit(code)


def _text_report(result, labels, show_errors: bool, intervals, per_element: bool) -> str:
    macro_ci, element_ci = intervals
    ci_head = f" {'f1 95% CI':>16}" if per_element else ""
    lines = [f"{'element':<36} {'prec':>6} {'recall':>6} {'f1':>6}{ci_head} {'supp':>5} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for name, s in sorted(result.scores.items(), key=lambda kv: kv[1].f1):
        ci = f" {str(element_ci[name]):>16}" if per_element else ""
        lines.append(
            f"{name[:36]:<36} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}{ci} {s.tp + s.fn:5d} {s.tp:4d} {s.fp:4d} {s.fn:4d}"
        )
    lines.append(f"macro-F1 {result.macro_f1:.4f} (95% CI {macro_ci}) over {len(result.scores)} elements, "
                 f"{len(result.predictions)} documents, split {result.split}")
    unreadable = sorted(p.key for p in result.predictions.values() if p.error)
    if unreadable:
        lines.append(f"unreadable (not scored): {len(unreadable)}")
    if result.missing_documents:
        lines.append(f"labeled but not found in --docs: {len(result.missing_documents)}")
    if result.unscored:
        lines.append("not mapped to a msalint element (left out): " + ", ".join(result.unscored))
    if show_errors:
        lines.extend(_error_lines(result, labels))
    return "\n".join(lines)


def _error_lines(result, labels) -> list[str]:
    """False positives and negatives of tuning documents only: locked errors are never shown."""
    out: list[str] = []
    for name, s in sorted(result.scores.items()):
        element = result.mapping[name]
        for doc in s.false_positives:
            if split_of(doc) == "locked":
                continue
            ev = result.predictions[doc].evidence.get(element, {})
            where = f"§{ev.get('clause')}" if ev.get("clause") else "(no clause)"
            out.append(f"FP {name}: {doc} {where} {ev.get('excerpt', '')[:160]!r}")
        for doc in s.false_negatives:
            if split_of(doc) == "locked":
                continue
            gold = labels.evidence.get((doc, name), "")
            out.append(f"FN {name}: {doc} gold: {gold[:160]!r}")
    return out


def _score_predicted_kinds(kinds_path: Path, result):
    """Kind scores from the kinds the element run already saw (DocumentResult.meta['kind'])."""
    from msalint.errors import MsalintError
    from msalint.evaluation.kinds import load_kind_labels, score_kinds

    try:
        labels = load_kind_labels(kinds_path)
    except MsalintError as exc:
        _fail(str(exc), exc.exit_code)
    predicted = {key: p.kind for key, p in result.predictions.items() if p.kind and not p.error}
    return score_kinds(labels, predicted)


def _kinds_only(docs_dir: Path, kinds_path: Path, fmt: str, show_errors: bool) -> None:
    """`msalint eval --kinds FILE` without element labels: classify the labelled documents and score them."""
    from msalint.errors import MsalintError
    from msalint.evaluation.kinds import kind_report_lines, load_kind_labels, predict_kinds, score_kinds
    from msalint.evaluation.runner import index_documents

    try:
        labels = load_kind_labels(kinds_path)
    except MsalintError as exc:
        _fail(str(exc), exc.exit_code)
    docs = index_documents(docs_dir)
    found = {key: docs[key] for key in labels.kinds if key in docs}
    if not found:
        _fail(f"no labelled document found in {docs_dir}")
    predicted, unreadable = predict_kinds(found)
    parts = score_kinds(labels, predicted)
    if fmt == "json":
        payload: dict[str, Any] = {name: part.to_dict() for name, part in parts.items()}
        payload["unreadable"] = unreadable
        if show_errors:
            payload["errors"] = [{"document": k, "gold": g, "predicted": p} for k, g, p in parts["tuning"].errors]
        click.echo(json.dumps({"kinds": payload}, indent=2))
        return
    lines = kind_report_lines(parts, show_errors=show_errors)
    if unreadable:
        lines.append(f"unreadable (not scored): {len(unreadable)}")
    click.echo("\n".join(lines))


@click.command("eval")
@click.option("--docs", "docs_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of contracts; matched to labels by file-name stem.")
@click.option("--labels", "labels_path", type=click.Path(path_type=Path),
              help="Labels: JSONL/CSV with file, element, present; or CUAD's master_clauses.csv; "
                   "a file of document kinds (file, kind) is read as --kinds.")
@click.option("--kinds", "kinds_path", type=click.Path(path_type=Path),
              help="Document-kind labels (JSONL/CSV with file, kind): kind accuracy and confusion, "
                   "on the tuning and the locked split.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--split", type=click.Choice(SPLITS), default="all", show_default=True,
              help="Score the tuning part, the locked part (fixed by a hash of the file name) or all documents.")
@click.option("--show-errors", is_flag=True,
              help="List false positives and false negatives (tuning documents only; refused with --split locked).")
@click.option("--ci", "per_element_ci", is_flag=True,
              help="Show a bootstrap 95%% interval for each element's F1 (macro-F1 always has one).")
@click.option("--only", multiple=True, help="Score only these labels (repeatable).")
@rule_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
@click.option("--timeout", type=click.FloatRange(min=0), default=120.0, show_default=True,
              help="Seconds per document before its worker is killed (with --jobs > 1; 0: no limit).")
@click.option("--fail-under", type=float, default=None, help="Exit 1 when macro-F1 is below this value.")
@click.option("--fail-under-each", type=float, default=None,
              help="Exit 1 when any single element's F1 is below this value.")
def evaluate(docs_dir, labels_path, kinds_path, fmt, split, show_errors, per_element_ci, only, jobs, timeout,
             fail_under, fail_under_each, config_file, **rule_flags) -> None:
    """Score element presence (precision, recall, F1 per element; macro-F1) and document kinds on labeled contracts.

    The rules are chosen as for `check`: the config file ([tool.msalint] or .msalint.toml, or --config)
    with its overrides, then the rule flags. Documents are split into a tuning part and a locked part by a
    fixed hash of the file name (see the README, `msalint eval`): read errors on the tuning part, score the
    locked part only to report.
    """
    if show_errors and split == "locked":
        _fail("--show-errors is refused on the locked split: its errors must never be read "
              "(score it to report; read errors with --split tuning)")
    from msalint.config import load_config
    from msalint.evaluation.bootstrap import bootstrap
    from msalint.errors import MsalintError
    from msalint.evaluation.kinds import is_kind_label_file
    from msalint.evaluation.labels import load_labels
    from msalint.evaluation.runner import evaluate as run_eval
    from msalint.session import LintOptions, Session

    if labels_path is not None and kinds_path is None and is_kind_label_file(labels_path):
        labels_path, kinds_path = None, labels_path
    if labels_path is None and kinds_path is None:
        _fail("give --labels (element labels) and/or --kinds (document-kind labels)")
    if labels_path is None:
        _kinds_only(docs_dir, kinds_path, fmt, show_errors)
        return
    try:
        labels = load_labels(labels_path)
        session = Session(load_config(config_file, cli=cli_settings(**rule_flags)), LintOptions(cache=False))
        progress = ProgressPrinter(sys.stderr, progress_mode("auto", False, sys.stderr, off_terminal="none"),
                                   label="eval", transient=True)
        result = run_eval(docs_dir, labels, session, jobs=jobs or os.cpu_count() or 1, timeout=timeout or None,
                          only=only, split=split, listener=progress)
    except MsalintError as exc:
        _fail(str(exc), exc.exit_code)
    if not result.scores or not result.predictions:
        _fail("no label could be scored: no labeled document found, or no label maps to a msalint element")
    if show_errors and split == "all":
        locked = sum(split_of(k) == "locked" for k in result.predictions)
        click.echo(f"msalint: warning: errors of the {locked} locked documents are not shown "
                   "(they are scored, never read)", err=True)
    intervals = bootstrap(result.verdicts, sorted(result.scores))
    kind_parts = _score_predicted_kinds(kinds_path, result) if kinds_path else None
    if fmt == "json":
        payload = result.to_dict()
        payload["macro_f1_ci"] = [round(intervals[0].low, 4), round(intervals[0].high, 4)]
        if per_element_ci:
            for name, ci in intervals[1].items():
                payload["elements"][name]["f1_ci"] = [round(ci.low, 4), round(ci.high, 4)]
        if show_errors:
            payload["errors"] = _error_lines(result, labels)
        if kind_parts is not None:
            payload["kinds"] = {name: part.to_dict() for name, part in kind_parts.items()}
        click.echo(json.dumps(payload, indent=2))
    else:
        click.echo(_text_report(result, labels, show_errors, intervals, per_element_ci))
        if kind_parts is not None:
            from msalint.evaluation.kinds import kind_report_lines

            click.echo("\n".join(kind_report_lines(kind_parts, show_errors=show_errors)))
    failed = False
    if fail_under is not None and result.macro_f1 < fail_under:
        click.echo(f"msalint: macro-F1 {result.macro_f1:.4f} is below the floor {fail_under}", err=True)
        failed = True
    if fail_under_each is not None:
        for name, score in sorted(result.scores.items()):
            if score.f1 < fail_under_each:
                click.echo(f"msalint: {name} F1 {score.f1:.4f} is below the per-element floor {fail_under_each}",
                           err=True)
                failed = True
    if failed:
        sys.exit(1)
