#!/usr/bin/env bash
# Near-duplicate detection at build scale: accuracy on 10,000 rows against the exact answer, and the time and memory
# for ROWS rows (default 1,000,000) beside shingling alone, median of RUNS runs, and the previous-version index at that
# size. See Program.cs.
# Usage: benchmarks/dedup/run.sh [ROWS=1000000] [RUNS=3] [THRESHOLD=0.8]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet run -c Release --project "$here/ContribBot.Benchmarks.Dedup.csproj" -- "${1:-1000000}" "${2:-3}" "${3:-0.8}"
