"""Measure a pre-commit re-run on unchanged agreements: first (cold) run versus second (cached) run.

Usage: python benchmarks/precommit_rerun.py [--copies N] [--keep]

Builds a temporary git repository with the team corpus rendered to DOCX and PDF (plus the Markdown/TXT
sources), N copies each with a distinguishing line so every file has its own cache entry. It times
1. `msalint check` directly (the hook's command), cold and then warm (result cache hit);
2. `pre-commit run --all-files` with the hook installed from this checkout's HEAD, cold and then warm.
The hook environment is installed before timing, offline (system site-packages, no index).
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"


def build_repo(root: Path, copies: int, env: dict[str, str]) -> list[Path]:
    """Render the corpus into ``root`` (a new git repo) and commit it; return the agreement paths."""
    spec = importlib.util.spec_from_file_location("render", CORPORA / "render.py")
    render = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    files = []
    for source in render.SOURCES:
        for i in range(copies):
            text = source.read_text(encoding="utf-8") + f"\n\nCopy reference: {i}.\n"
            blocks = render.parse_blocks(text)
            stem = f"{source.stem}-{i}"
            render.to_docx(blocks, root / f"{stem}.docx", source.stem)
            render.to_pdf(blocks, root / f"{stem}.pdf", source.stem)
            (root / f"{stem}{source.suffix}").write_text(text, encoding="utf-8")
            files += [root / f"{stem}.docx", root / f"{stem}.pdf", root / f"{stem}{source.suffix}"]
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True)
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n-   repo: {REPO}\n    rev: {head.stdout.strip()}\n    hooks:\n    -   id: msalint\n"
    )
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "corpus"], cwd=root, check=True, env=env)
    return files


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall time and exit code of one command."""
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        print(f"  {' '.join(cmd[:3])} exited {result.returncode}: {result.stderr.strip()[-400:]}", file=sys.stderr)
    return elapsed, result.returncode


def _code_fingerprint() -> str:
    # fresh each time: msalint.cache memoises it per process
    return subprocess.run([sys.executable, "-c", "from msalint.cache import code_fingerprint as f; print(f())"],
                          capture_output=True, text=True).stdout


def main() -> None:
    """Run the benchmark and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the temporary repository")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="msalint-precommit-"))
    env = dict(os.environ, PRE_COMMIT_HOME=str(work / "pre-commit-home"), VIRTUALENV_SYSTEM_SITE_PACKAGES="1",
               PIP_NO_BUILD_ISOLATION="0", PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.invalid")
    env.pop("MSALINT_CACHE_DIR", None)
    try:
        repo = work / "contracts"
        repo.mkdir()
        files = build_repo(repo, args.copies, env)
        rel = [str(f.relative_to(repo)) for f in files]
        print(f"{len(files)} agreements ({args.copies} copies of each corpus file as DOCX, PDF and source)")
        check = [sys.executable, "-m", "msalint", "check", "-q", *rel]
        code_before = _code_fingerprint()
        for label in ("msalint check, cold", "msalint check, cached"):
            seconds, code = timed(check, repo, env)
            print(f"{label:<32} {seconds:7.2f} s  (exit {code})")
        if _code_fingerprint() != code_before:
            print("  (msalint's source changed during the direct runs, so the second one could not hit the cache)")
        shutil.rmtree(repo / ".msalint-cache", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(["pre-commit", "install-hooks"], cwd=repo, env=env, check=True, capture_output=True)
        print(f"{'pre-commit install-hooks':<32} {time.perf_counter() - start:7.2f} s  (not part of a run)")
        for label in ("pre-commit run, cold", "pre-commit run, cached"):
            seconds, code = timed(["pre-commit", "run", "--all-files"], repo, env)
            print(f"{label:<32} {seconds:7.2f} s  (exit {code})")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
