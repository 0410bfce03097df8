"""Build hook: ship the top-level rules/ folder inside the wheel as msalint/_rules."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithRules(build_py):
    """Copy rules/*.yaml into the built package so installed msalint finds its rulebook."""

    def run(self):
        super().run()
        source = Path(__file__).parent / "rules"
        target = Path(self.build_lib) / "msalint" / "_rules"
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.md"))


setup(cmdclass={"build_py": BuildPyWithRules})
