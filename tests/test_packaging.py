"""What a user installs: the wheel carries the licence pyproject.toml declares, py.typed and the rulebook."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_license_file_is_the_declared_licence():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"]["text"]
    assert declared == "Apache-2.0"
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text and "END OF TERMS AND CONDITIONS" in text


def test_py_typed_marker_is_in_the_package():
    assert (REPO / "msalint" / "py.typed").is_file()


@pytest.mark.slow
def test_wheel_carries_license_py_typed_and_rules(tmp_path):
    source = tmp_path / "src"  # a copy, so the build leaves no build/ folder in the checkout
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    for folder in ("msalint", "rules"):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w",
                            str(tmp_path / "dist")], capture_output=True, text=True, timeout=600)
    if build.returncode != 0 and "No matching distribution" in build.stderr:
        pytest.skip("the package index (for setuptools) is unreachable")
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = (tmp_path / "dist").glob("msalint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "msalint/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE") for n in names)
    packs = {n.removeprefix("msalint/_rules/") for n in names if n.startswith("msalint/_rules/") and n.endswith(".yaml")}
    assert packs == {p.relative_to(REPO / "rules").as_posix() for p in (REPO / "rules").rglob("*.yaml")}
