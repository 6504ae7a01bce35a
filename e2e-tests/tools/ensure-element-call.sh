#!/usr/bin/env bash
# Makes sure Element Call's published embedded widget (npm, pinned in element-call/package.json
# with a lockfile) is installed for the mixed-call journeys, as the README promises: the test
# command fetches what the tests need. npm ci runs only when the installed version differs.
set -euo pipefail
dir="$(cd "$(dirname "$0")/../element-call" && pwd)"
want="$(node -p "require('$dir/package.json').dependencies['@element-hq/element-call-embedded']")"
have="$(node -p "require('$dir/node_modules/@element-hq/element-call-embedded/package.json').version" 2>/dev/null || true)"
if [ "$want" != "$have" ]; then
  echo "installing Element Call's embedded widget $want for the tests (npm ci in $dir)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) \
    || { echo "npm ci could not fetch Element Call's embedded widget (no network? tools/loopback/run's namespace has none: run the README's test command, or this script, outside it once first)" >&2; exit 1; }
fi
