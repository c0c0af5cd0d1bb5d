#!/usr/bin/env bash
# Runs the self-contained test suite on a fresh machine: fetches the one test input that is not a NuGet package (the
# SARIF 2.1.0 JSON Schema, from the npm package @microsoft/jest-sarif), builds, tests, and prints "N passed, N failed"
# counted from the TRX results. Exits non-zero on any failure.
#
#   ./test.sh                      every self-contained test (passes on a clone with nothing beside it)
#   ./test.sh --corpus DIR         also the conformance suite over a folder of real taxonomy snapshots
#                                  (SNAPSHOT/ folders, each with SNAPSHOT.expected.tsv beside it); so does
#                                  CONTRIBBOT_CORPUS=DIR ./test.sh. A corpus asked for and missing fails the run.
#   ./test.sh --native             also publishes the command as the action ships it (action/build.sh, Native AOT) and
#                                  runs the CLI tests again against that binary (CONTRIBBOT_CLI_BINARY); a few minutes
#   ./test.sh [...] -- ARGS        passes ARGS on to dotnet test (e.g. -- --filter "FullyQualifiedName~Yaml")
set -euo pipefail
cd "$(dirname "$0")"

corpus="${CONTRIBBOT_CORPUS:-}"
native=""
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --corpus)
      [[ $# -ge 2 ]] || { echo "test.sh: --corpus needs a folder" >&2; exit 2; }
      corpus="$2"; shift 2 ;;
    --corpus=*) corpus="${1#--corpus=}"; shift ;;
    --native) native=1; shift ;;
    --) shift; extra+=("$@"); break ;;
    *) extra+=("$1"); shift ;;
  esac
done

if [[ -n "$corpus" ]]; then
  # Asked for: the suite runs, and a folder that is not there fails it (the tests say so), never a skip.
  [[ -d "$corpus" ]] || echo "test.sh: the corpus folder $corpus does not exist; the corpus suite will fail" >&2
  CONTRIBBOT_CORPUS="$(realpath -m "$corpus")"
  export CONTRIBBOT_CORPUS
else
  # Not asked for: the corpus tests report themselves skipped, with how to run them.
  unset CONTRIBBOT_CORPUS
fi

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
dotnet test ContribBot.sln --configuration Release --logger "trx" --results-directory "$results" "${extra[@]}"
status=$?
if [[ -n "$native" ]]; then
  echo "Publishing the native command (action/build.sh) and running the CLI tests against it..." >&2
  native_dir="$(pwd)/$cache/native-cli"
  rm -rf "$native_dir"
  if action/build.sh "$native_dir" >&2; then
    CONTRIBBOT_CLI_BINARY="$native_dir/contribbot" dotnet test tests/ContribBot.Cli.Tests --configuration Release --no-build \
      --logger "trx;LogFileName=native-cli.trx" --results-directory "$results" "${extra[@]}" || status=1
  else
    echo "test.sh: publishing the native command failed" >&2
    status=1
  fi
fi
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
