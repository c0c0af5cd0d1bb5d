#!/usr/bin/env bash
# The App under webhook load: signed deliveries sent at a fixed rate on loopback to `contribbot serve` (the native
# command, as shipped), against the fake GitHub; see Program.cs. Prints the time to each 202 (p50, p99, max), whether
# every delivery's job completed exactly once, the time to drain, and the server's peak RSS, as a median of runs,
# beside an ideal measured in the same run (a bare endpoint that reads the body and answers 202, storing nothing).
# Usage: benchmarks/webhooks/run.sh [DELIVERIES=2000] [PER_SECOND=200] [RUNS=3]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repeats=1
# shellcheck source=../common.sh
source "$here/../common.sh"
publish_contribbot
dotnet run -c Release --project "$here/ContribBot.Benchmarks.Webhooks.csproj" -- "$contribbot" "${1:-2000}" "${2:-200}" "${3:-3}"
