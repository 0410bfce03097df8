"""One progress listener: the session (check), eval and batch emit the same events; the CLI renders them on
stderr only, as a live line on a terminal, without escape sequences under NO_COLOR, and not at all off a
terminal for check and eval."""
from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from msalint.cli import cli
from msalint.cli.progress import ProgressPrinter
from msalint.config import load_config
from msalint.evaluation.labels import load_labels
from msalint.evaluation.runner import evaluate
from msalint.session import LintOptions, Session
from msalint.workers.jobs import Job, Outcome

AGREEMENT = "1. Confidentiality. Each party shall keep the other party's Confidential Information secret.\n"


class Recorder:
    def __init__(self):
        self.events: list[tuple] = []

    def start(self, total, skipped):
        self.events.append(("start", total, skipped))

    def update(self, outcome):
        self.events.append(("update", outcome.status, outcome.job.path))

    def finish(self, summary=None):
        self.events.append(("finish",))


@pytest.fixture
def documents(tmp_path, monkeypatch):
    monkeypatch.setenv("MSALINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(AGREEMENT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return sorted(folder.iterdir())


def test_the_session_reports_each_document_once_to_its_listener(documents):
    recorder = Recorder()
    results = Session(load_config(None), LintOptions(cache=False)).lint_all(documents, listener=recorder)
    assert recorder.events == [("start", 3, 0), ("update", "ok", str(documents[0])),
                               ("update", "ok", str(documents[1])), ("update", "error", str(documents[2])),
                               ("finish",)]
    assert [r.error is None for r in results] == [True, True, False]


@pytest.mark.slow
def test_workers_and_cache_hits_report_to_the_same_listener(documents):
    session = Session(load_config(None))
    session.lint(documents[0])  # a cache hit in the next run
    recorder = Recorder()
    session.lint_all(documents, jobs=2, listener=recorder)
    updates = sorted(e[1:] for e in recorder.events if e[0] == "update")
    assert recorder.events[0] == ("start", 3, 0) and recorder.events[-1] == ("finish",)
    assert updates == sorted([("ok", str(documents[0])), ("ok", str(documents[1])), ("error", str(documents[2]))])


def test_eval_reports_progress_to_the_listener(documents, tmp_path):
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps({"file": f, "element": "confidentiality", "present": True})
                                for f in ("a", "b")), encoding="utf-8")
    recorder = Recorder()
    evaluate(documents[0].parent, load_labels(labels), Session(load_config(None), LintOptions(cache=False)),
             listener=recorder)
    assert [e[0] for e in recorder.events] == ["start", "update", "update", "finish"]
    assert recorder.events[0] == ("start", 2, 0)


def test_check_off_a_terminal_prints_no_progress(documents, monkeypatch):
    monkeypatch.chdir(documents[0].parent)
    result = CliRunner().invoke(cli, ["check", "a.txt", "b.txt", "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    assert "\r" not in result.stderr and "[2/2]" not in result.stderr
    assert len(json.loads(result.stdout)["documents"]) == 2


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def _render(transient: bool) -> str:
    stream = TTY()
    printer = ProgressPrinter(stream, "live", label="check", transient=transient, clock=lambda: 0.0)
    printer.start(2, 0)
    for i in range(2):
        printer.update(Outcome(job=Job(i, f"{i}.txt", "", 0), status="ok"))
    printer.finish()
    return stream.getvalue()


def test_no_color_means_no_escape_sequences_and_check_erases_its_line(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[K" in _render(transient=True)
    monkeypatch.setenv("NO_COLOR", "1")
    text = _render(transient=True)
    assert "\x1b" not in text and "[2/2] 100%" in text
    last = text.rsplit("\r", 2)
    assert last[-1] == "" and last[-2].strip() == ""  # the line is blanked before the report is printed
    assert _render(transient=False).endswith("\n")  # batch keeps its last status line
