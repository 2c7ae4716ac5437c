#!/usr/bin/env bash
# `make install`: a virtualenv whose contents depend only on requirements.lock.
#
# The machine's own pip (its version, pip.conf, PIP_* variables, extra indexes, find-links,
# constraints) decides nothing: the venv first gets the installer pinned and hash-checked in
# requirements-installer.lock (uv), and uv then makes the venv exactly what requirements.lock
# pins, from PyPI, every file hash-checked, with no second resolution step.
#
#   PYTHON=python3 VENV=.venv INDEX_URL=https://pypi.org/simple scripts/install.sh [--no-cache]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
INDEX_URL="${INDEX_URL:-https://pypi.org/simple}"
NO_CACHE=""
[ "${1:-}" = "--no-cache" ] && NO_CACHE="--no-cache"

fail() {
  printf '✗ %s\n  %s\n' "$1" "$2" >&2
  exit 1
}

# Nothing from this machine's pip or uv configuration: unset every PIP_* and UV_* variable,
# and point pip at no configuration file at all (pip then skips /etc/pip.conf and the rest).
for name in $(env | sed -n 's/^\(\(PIP\|UV\)_[A-Za-z0-9_]*\)=.*/\1/p'); do
  unset "$name"
done
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 UV_NO_CONFIG=1

uv_version="$(sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements-installer.lock)"

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV" 2>/dev/null ||
    fail "Không tạo được môi trường ảo $VENV." \
      "Cannot create a virtualenv: on Debian/Ubuntu run 'sudo apt install python3-venv', then 'make run' again."
fi

if ! "$VENV/bin/uv" --version 2>/dev/null | grep -qx "uv $uv_version\( .*\)\?"; then
  "$VENV/bin/python" -m pip --version >/dev/null 2>&1 || "$VENV/bin/python" -m ensurepip -q
  "$VENV/bin/python" -m pip --isolated --disable-pip-version-check install -q --no-deps --only-binary :all: \
    --require-hashes --index-url "$INDEX_URL" $NO_CACHE -r requirements-installer.lock ||
    fail "Không cài được trình cài đặt uv $uv_version (requirements-installer.lock)." \
      "Cannot install the pinned installer: is $INDEX_URL reachable? Then run 'make install' again."
fi

# sync: installs what the lock pins and removes what it does not (a venv never drifts).
"$VENV/bin/uv" pip sync --quiet --python "$VENV/bin/python" --require-hashes \
  --index-url "$INDEX_URL" $NO_CACHE requirements.lock ||
  fail "Không cài được các gói trong requirements.lock." \
    "Installing the lock failed. If a pinned file is no longer on the index, run 'make lock' and commit the new lock."
