#!/usr/bin/env bash
# Makes sure the Synapse the journeys on a real homeserver start is installed, as the README
# promises: the test command fetches what the tests need. Synapse comes from PyPI, pinned with all
# its dependencies in synapse/requirements.txt, into a virtual environment outside the checkout
# (CONCLAVE_SYNAPSE_VENV, by default ~/.cache/conclave/synapse-<digest of the requirements>), so
# later runs and other clones reuse it. The tests find it at the same place.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
req="$here/synapse/requirements.txt"
venv="${CONCLAVE_SYNAPSE_VENV:-$HOME/.cache/conclave/synapse-$(sha256sum "$req" | cut -c1-12)}"
if [ -x "$venv/bin/python" ] && [ -f "$venv/.installed" ]; then
  exit 0
fi
python="$(command -v python3 || true)"
if [ -z "$python" ]; then
  echo "Python 3.10 or newer with venv and pip is needed to install Synapse for the tests: see the README's prerequisites" >&2
  exit 1
fi
echo "installing Synapse for the tests into $venv (pip, from synapse/requirements.txt)"
rm -rf "$venv"
"$python" -m venv "$venv"
if ! "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$req"; then
  rm -rf "$venv"
  echo "pip could not install Synapse's pinned packages from PyPI (no network? tools/loopback/run's namespace has none: run the README's test command, or this script, outside it once first)" >&2
  exit 1
fi
"$venv/bin/python" -c "import synapse.app.homeserver" 
touch "$venv/.installed"
