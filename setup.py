"""Build step: copy the top-level ontology/, shapes/, queries/ and data/mapping.yaml into the wheel as `kg/_home/`.

They stay where they are in the checkout (users edit them there; an editable install reads them there, see
`kg.config.resource_home`). A copy made at build time, into the build folder only, is used rather than a
`package-dir` mapping or symlinks under src/kg: nothing generated lands in the source tree, the wheel's layout is
spelled out in one place, and a missing folder stops the build instead of yielding a wheel without an ontology.
An sdist carries the same files (MANIFEST.in), so a wheel built from the sdist is the same.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
HOME = "_home"  # kg/_home in the wheel; kg.config.PACKAGED_HOME
FOLDERS = ("ontology", "shapes", "queries")
FILES = ("data/mapping.yaml",)
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


class BuildPyWithHome(build_py):
    """build_py, then the project's resource folders copied into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's folders
        target = Path(self.build_lib) / "kg" / HOME
        if target.exists():
            shutil.rmtree(target)  # no stale files from an earlier build
        for name in FOLDERS + FILES:
            src = ROOT / name
            if not src.exists():
                raise FileNotFoundError(f"{src} is missing: the wheel needs it as package data (kg/{HOME}/{name})")
            dst = target / name
            if src.is_dir():
                shutil.copytree(src, dst, ignore=IGNORE)
            else:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)


setup(cmdclass={"build_py": BuildPyWithHome})
