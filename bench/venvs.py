"""Throwaway virtualenvs under bench/out/ for tools that are never project dependencies."""
# ruff: noqa: S603 - pip and venv with fixed arguments

import subprocess
import sys
from pathlib import Path

from . import config


def venv(name: str, packages: list[str]) -> Path:
    """bench/out/venv-<name> with `packages` installed; returns its python."""
    home = config.OUT / f"venv-{name}"
    python = home / "bin" / "python"
    marker = home / ".installed"
    wanted = " ".join(packages)
    if marker.exists() and marker.read_text() == wanted:
        return python
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(home)], check=True)
    with open(config.OUT / f"pip-{name}.log", "w") as log:
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *packages],
            check=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    marker.write_text(wanted)
    return python
