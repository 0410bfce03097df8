"""The pre-commit hook, run for real with `pre-commit try-repo` on temporary contract repositories.

try-repo installs this checkout (HEAD plus tracked, uncommitted changes) into a fresh virtualenv. To keep that
offline and quick (~5 s instead of downloading spaCy), the virtualenv sees the system site-packages, where
msalint's dependencies are already installed, and pip neither builds in isolation nor contacts an index.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"

pytestmark = pytest.mark.slow


def _engine_ready() -> bool:
    try:
        import msalint.engine  # noqa: F401
        import msalint.rulebook.loader  # noqa: F401
    except ImportError:
        return False
    return True


def _skip_reason() -> str | None:
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        return "pre-commit or git not installed"
    if not (REPO / ".git").exists():
        return "this checkout is not a git repository"
    if not _engine_ready():
        return "rule engine not built yet"
    return None


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory) -> dict[str, str]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    env = dict(os.environ)
    env.update(
        PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
        VIRTUALENV_SYSTEM_SITE_PACKAGES="1",
        PIP_NO_BUILD_ISOLATION="0",  # pip's inverted spelling: "0" turns build isolation off
        PIP_NO_INDEX="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        GIT_AUTHOR_NAME="msalint tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="msalint tests", GIT_COMMITTER_EMAIL="tests@example.invalid",
    )
    env.pop("MSALINT_CACHE_DIR", None)
    return env


def _render_module():
    spec = importlib.util.spec_from_file_location("msalint_corpora_render", CORPORA / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_contract_repo(root: Path, env: dict[str, str], *, clean_docx: bool, defective_pdf: bool) -> Path:
    """A git repository holding a clean agreement as DOCX and/or a defective one as PDF, both committed."""
    render = _render_module()
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    if clean_docx:
        blocks = render.parse_blocks((CORPORA / "strong-msa.md").read_text(encoding="utf-8"))
        render.to_docx(blocks, root / "strong-msa.docx", "Master Managed Services Agreement")
    if defective_pdf:
        blocks = render.parse_blocks((CORPORA / "weak-msa.md").read_text(encoding="utf-8"))
        render.to_pdf(blocks, root / "weak-msa.pdf", "Managed Services Agreement")
    (root / "README").write_text("not an agreement: must not be passed to the hook\n")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "contracts"], cwd=root, check=True, env=env)
    return root


def try_repo(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["pre-commit", "try-repo", str(REPO), "msalint", "--all-files", "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )


def test_manifest_is_valid():
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit not installed")
    result = subprocess.run(["pre-commit", "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_defective_contract_fails_the_hook(tmp_path, hook_env):
    repo = make_contract_repo(tmp_path / "contracts", hook_env, clean_docx=True, defective_pdf=True)
    result = try_repo(repo, hook_env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "msalint (contracts)" in output and "Failed" in output
    assert "weak-msa.pdf:" in output  # findings are located in the defective PDF
    assert "README" not in output  # the files regex keeps non-agreements away from the hook


def test_clean_contract_passes_the_hook(tmp_path, hook_env):
    repo = make_contract_repo(tmp_path / "contracts", hook_env, clean_docx=True, defective_pdf=False)
    result = try_repo(repo, hook_env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output
