#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: fetches the one test input that is not a NuGet package (the SARIF
# 2.1.0 JSON Schema, from the npm package @microsoft/jest-sarif), builds, tests, and prints "N passed, N failed"
# counted from the TRX results. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

cache=".cache"
sarif_schema="$cache/sarif/sarif-schema-2.1.0.json"
if [[ ! -s "$sarif_schema" ]]; then
  echo "Fetching the SARIF 2.1.0 schema (npm: @microsoft/jest-sarif)..." >&2
  mkdir -p "$cache/sarif"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null)
  tar -xzf "$tmp"/microsoft-jest-sarif-*.tgz -C "$tmp" package/lib/schemas/sarif-2.1.0-rtm.5.json
  cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$sarif_schema"
fi

# The example knowledge leaf's document repository is built locally with a fixed commit SHA.
examples/build-document-repo.sh >/dev/null

results="$(pwd)/TestResults"
rm -rf "$results"
set +e
dotnet test ContribBot.sln --configuration Release --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [[ $status -ne 0 && $failed -eq 0 ]]; then
  # The build or the test host failed before any test could report.
  failed=1
fi
echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 && $passed -gt 0 ]]
