#!/usr/bin/env bash
# Generation throughput against the in-process fake teacher (fixed latency per call); see Program.cs.
# Usage: benchmarks/generate/run.sh [CALLS=400] [CONCURRENCY=8] [LATENCY_MS=200] [LEAVES=16]
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project ContribBot.Benchmarks.Generate.csproj -- "${1:-400}" "${2:-8}" "${3:-200}" "${4:-16}"
