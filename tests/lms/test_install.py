"""The install cannot rot: what runs is what requirements.lock pins, and the installer is pinned.

`make install` (scripts/install.sh) must give the same venv on any machine, whatever its pip
or pip configuration; these tests read the lock and the running environment.
"""

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")
# Made by `python -m venv` itself, not by the lock: allowed beside it.
VENV_OWN = {"setuptools"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, tuple[str, str | None]]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            name, version, marker = match.groups()
            pins[_canonical(name)] = (version, marker)
    return pins


def _hash_lines(path: Path) -> dict[str, int]:
    """How many --hash lines follow each pin."""
    counts, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = _canonical(match.group(1))
            counts[current] = 0
        elif current and line.strip().startswith("--hash=sha256:"):
            counts[current] += 1
    return counts


LOCK = _pins(ROOT / "requirements.lock")
INSTALLER = _pins(ROOT / "requirements-installer.lock")


def test_every_pin_in_the_lock_carries_hashes():
    counts = _hash_lines(ROOT / "requirements.lock")
    assert LOCK, "no pins read from requirements.lock"
    assert [name for name, count in counts.items() if count == 0] == []


def test_every_installed_distribution_is_pinned_in_the_lock_at_its_version():
    """An extra's packages (fonttools[woff]: brotli, zopfli; psycopg[binary]; …) included:
    anything installed that the lock does not pin means a second resolution happened."""
    unpinned, wrong_version = [], []
    for dist in metadata.distributions():
        name = _canonical(dist.metadata["Name"])
        if name in VENV_OWN:
            continue
        if name not in LOCK:
            unpinned.append(name)
        elif LOCK[name][0] != dist.version:
            wrong_version.append(f"{name} {dist.version} (lock: {LOCK[name][0]})")
    assert unpinned == [], "installed but not in requirements.lock: run `make install`"
    assert wrong_version == [], "installed at another version: run `make install`"


def test_every_pin_that_applies_here_is_installed():
    installed = {_canonical(d.metadata["Name"]) for d in metadata.distributions()}
    missing = [
        name
        for name, (_, marker) in LOCK.items()
        if (marker is None or Marker(marker).evaluate()) and name not in installed
    ]
    assert missing == []


@pytest.mark.parametrize(
    "extra_of, packages",
    [
        ("fonttools[woff]", ["brotli", "zopfli"]),
        ("psycopg[binary]", ["psycopg-binary"]),
        ("django-storages[s3]", ["boto3", "botocore"]),
        ("django-allauth[mfa]", ["fido2", "qrcode"]),
        ("PyJWT[crypto]", ["cryptography"]),
    ],
)
def test_the_lock_pins_what_extras_pull_in(extra_of, packages):
    assert [p for p in packages if p not in LOCK] == [], f"{extra_of} is not fully locked"


def test_the_installer_is_pinned_with_hashes_and_matches_the_lock():
    assert list(INSTALLER) == ["uv"]
    assert INSTALLER["uv"][0] == LOCK["uv"][0]
    assert _hash_lines(ROOT / "requirements-installer.lock")["uv"] >= 2  # x86-64 and aarch64


def test_the_lock_is_universal_for_linux_x86_64_and_aarch64():
    """Resolved for every platform (markers where they differ), so that an aarch64 server
    installs from the same file as an x86-64 laptop."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    header = text.splitlines()[1]
    assert "--universal" in header, "run `make lock`: the lock must be made with --universal"


def test_install_script_ignores_the_machines_pip_configuration():
    script = (ROOT / "scripts" / "install.sh").read_text(encoding="utf-8")
    assert "PIP_CONFIG_FILE=/dev/null" in script
    assert "--isolated" in script
    assert "--require-hashes" in script
    assert "requirements-installer.lock" in script
