#!/usr/bin/env bash
# The dataset build against the in-process fake teacher (fixed latency per call); see Program.cs.
# Usage: benchmarks/build/run.sh [LEAVES=200] [CONCURRENCY=8] [LATENCY_MS=50] [MERGE_ROWS=1000000]
set -euo pipefail
cd "$(dirname "$0")"
repo="$(cd ../.. && pwd)"
# The CLI as a separate process: killed half-way, and the merge measured on its own (peak RSS).
dotnet build "$repo/src/ContribBot.Cli" -c Release --nologo -v quiet >/dev/null
dotnet run -c Release --project ContribBot.Benchmarks.Build.csproj -- "$repo/src/ContribBot.Cli/bin/Release/net10.0/contribbot.dll" \
  "${1:-200}" "${2:-8}" "${3:-50}" "${4:-1000000}"
