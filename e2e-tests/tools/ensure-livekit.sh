#!/usr/bin/env bash
# Makes sure the LiveKit server the SFU tests start is installed, as the README promises: the test
# command installs what the tests need. Found as the tests find it (CONCLAVE_LIVEKIT_SERVER,
# livekit-server on PATH, $(go env GOPATH)/bin/server); installed from the Go module proxy with
# Go's ordinary client when missing. Go's module and build caches make later runs fast.
set -euo pipefail
module="github.com/livekit/livekit-server/cmd/server@v1.13.5"

if [ -n "${CONCLAVE_LIVEKIT_SERVER:-}" ]; then
  [ -x "$CONCLAVE_LIVEKIT_SERVER" ] && exit 0
  echo "CONCLAVE_LIVEKIT_SERVER=$CONCLAVE_LIVEKIT_SERVER is not an executable" >&2
  exit 1
fi
command -v livekit-server >/dev/null 2>&1 && exit 0
if ! command -v go >/dev/null 2>&1; then
  [ -x /usr/local/go/bin/go ] && PATH="$PATH:/usr/local/go/bin"
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Go (1.26 or newer) is needed to install the LiveKit server for the tests: see the README's prerequisites" >&2
  exit 1
fi
bin="$(go env GOPATH)/bin/server"
[ -x "$bin" ] && exit 0
echo "installing the LiveKit server for the tests: go install $module"
go install "$module" || { echo "go install $module failed (no network? tools/loopback/run's namespace has none: run the README's test command, or this script, outside it once first)" >&2; exit 1; }
