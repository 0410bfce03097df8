"""Outputs that cannot be written (missing or read-only folder, full disk) are one exit-2 line naming the file,
and no partial report file is left behind."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from msalint.cli import cli
from msalint.errors import OutputError
from msalint.files import atomic_output

TEXT = "1. Services\n\nThe Supplier will use reasonable efforts to respond.\n"


def check_to(tmp_path: Path, output: str):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return CliRunner().invoke(cli, ["check", "--no-cache", "--format", "json", str(tmp_path / "a.txt"),
                                    "-o", output])


def test_report_into_a_missing_folder_is_one_line_exit_2(tmp_path):
    result = check_to(tmp_path, str(tmp_path / "nope" / "r.json"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "nope/r.json: cannot write the output" in result.stderr
    assert not (tmp_path / "nope").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_one_line_exit_2_and_the_device_stays_a_device(tmp_path):
    result = check_to(tmp_path, "/dev/full")
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert not Path("/dev/full").is_file()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    report = tmp_path / "r.json"
    report.write_text("old report\n", encoding="utf-8")
    with pytest.raises(OutputError, match="r.json: cannot write the output"):
        with atomic_output(report) as fh:
            fh.write("half a rep")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert report.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_writing_through_a_symlink_keeps_the_link(tmp_path):
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    with atomic_output(tmp_path / "link.json") as fh:
        fh.write("{}\n")
    assert (tmp_path / "link.json").is_symlink() and (tmp_path / "real.json").read_text() == "{}\n"
