#!/usr/bin/env bash
# `npm run coverage [-- vitest args]`: runs the tests collecting coverage of the test workers and of
# every process they start (gateways, CLIs, simulators), then reports the union of the two.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf coverage
mkdir -p coverage/children-raw
HWBIND_COVERAGE=1 HWBIND_CHILD_COVERAGE="$PWD/coverage/children-raw" npx vitest run "$@"
rc=$?
node bin/run-ts.js bin/coverage-report.ts || rc=1
exit $rc
