"""The pre-commit hook, run for real with `pre-commit run` on temporary contract repositories.

The hook environment is built the way a user's pre-commit builds it: a fresh virtualenv, `pip install` of this
checkout, dependencies from the package index (pip's cache makes repeats quick). Nothing depends on what the
interpreter running the tests happens to have installed system-wide, so the tests pass in any virtualenv.

The checkout (tracked and untracked, non-ignored files as they are in the working tree) is snapshotted once into a
temporary git repository; both contract repositories name it in a `.pre-commit-config.yaml` and share one
PRE_COMMIT_HOME, so the hook environment is built once (`try-repo` would build it on every call).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"
INDEX_UNREACHABLE = ("No matching distribution", "Could not find a version", "NewConnectionError",
                     "Temporary failure in name resolution", "Network is unreachable")

pytestmark = pytest.mark.slow


def _pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """pre-commit from the interpreter running the tests (it need not be on PATH)."""
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory) -> dict[str, str]:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "VIRTUALENV_", "GIT_"))}
    env.pop("PIP_NO_INDEX", None)
    env.pop("PYTHONPATH", None)  # the hook must import msalint from its own environment, as a user's does
    env.pop("MSALINT_CACHE_DIR", None)
    env.update(
        PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        GIT_AUTHOR_NAME="msalint tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="msalint tests", GIT_COMMITTER_EMAIL="tests@example.invalid",
    )
    return env


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, hook_env) -> tuple[Path, str]:
    """A one-commit git repository holding this checkout's working tree; returns (path, commit)."""
    if not (REPO / ".git").exists():
        pytest.skip("this checkout is not a git repository")
    snapshot = tmp_path_factory.mktemp("msalint-snapshot")
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO, env=hook_env)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _git("init", "-q", cwd=snapshot, env=hook_env)
    _git("add", "-A", cwd=snapshot, env=hook_env)
    _git("commit", "-q", "-m", "snapshot", cwd=snapshot, env=hook_env)
    return snapshot, _git("rev-parse", "HEAD", cwd=snapshot, env=hook_env).strip()


def _render_module():
    spec = importlib.util.spec_from_file_location("msalint_corpora_render", CORPORA / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_contract_repo(root: Path, env: dict[str, str], *, clean_docx: bool, defective_pdf: bool) -> Path:
    """A git repository holding a clean agreement as DOCX and/or a defective one as PDF, both committed."""
    render = _render_module()
    root.mkdir(parents=True)
    _git("init", "-q", cwd=root, env=env)
    if clean_docx:
        blocks = render.parse_blocks((CORPORA / "strong-msa.md").read_text(encoding="utf-8"))
        render.to_docx(blocks, root / "strong-msa.docx", "Master Managed Services Agreement")
    if defective_pdf:
        blocks = render.parse_blocks((CORPORA / "weak-msa.md").read_text(encoding="utf-8"))
        render.to_pdf(blocks, root / "weak-msa.pdf", "Managed Services Agreement")
    (root / "README").write_text("not an agreement: must not be passed to the hook\n")
    _git("add", "-A", cwd=root, env=env)
    _git("commit", "-q", "-m", "contracts", cwd=root, env=env)
    return root


def run_hook(contracts: Path, hook_repo: tuple[Path, str], env: dict[str, str]) -> tuple[int, str]:
    """`pre-commit run --all-files` with the README's configuration, pointing at the snapshot's commit."""
    snapshot, commit = hook_repo
    (contracts / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot.as_uri()}\n    rev: {commit}\n    hooks:\n      - id: msalint\n",
        encoding="utf-8")
    _git("add", ".pre-commit-config.yaml", cwd=contracts, env=env)  # pre-commit refuses an unstaged config
    result = _pre_commit("run", "--all-files", "--verbose", cwd=contracts, env=env)
    output = result.stdout + result.stderr
    if result.returncode == 3 and any(sign in output for sign in INDEX_UNREACHABLE):
        pytest.skip("the package index is unreachable: cannot build the hook environment")
    return result.returncode, output


def test_manifest_is_valid(hook_env):
    result = _pre_commit("validate-manifest", str(REPO / ".pre-commit-hooks.yaml"), cwd=REPO, env=hook_env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_defective_contract_fails_the_hook(tmp_path, hook_env, hook_repo):
    repo = make_contract_repo(tmp_path / "contracts", hook_env, clean_docx=True, defective_pdf=True)
    code, output = run_hook(repo, hook_repo, hook_env)
    assert code == 1, output
    assert "msalint (contracts)" in output and "Failed" in output
    assert "weak-msa.pdf:" in output  # findings are located in the defective PDF
    assert "README" not in output  # the files regex keeps non-agreements away from the hook


def test_clean_contract_passes_the_hook(tmp_path, hook_env, hook_repo):
    repo = make_contract_repo(tmp_path / "contracts", hook_env, clean_docx=True, defective_pdf=False)
    code, output = run_hook(repo, hook_repo, hook_env)
    assert code == 0, output
    assert "Passed" in output
