#!/usr/bin/env bash
# Publishes a report folder made by an earlier (untrusted) run: the PR number comes from the artifact, so it must be
# digits, and contribbot checks that the pull request's head is the commit the report was made from.
set -euo pipefail
report="${INPUT_REPORT:-contribbot-report}"
pr="${INPUT_PR_NUMBER:-}"
if [[ -z "$pr" && -f "$report/pr-number" ]]; then
  pr="$(head -c 20 "$report/pr-number" | tr -d '[:space:]')"
fi
if ! [[ "$pr" =~ ^[0-9]{1,9}$ ]]; then
  echo "::error::No valid pull request number (pr-number input or $report/pr-number); not publishing." >&2
  exit 2
fi
args=(pr --report "$report" --pr "$pr")
[[ -n "${INPUT_HEAD_SHA:-}" ]] && args+=(--sha "$INPUT_HEAD_SHA")
[[ -n "${INPUT_ARTIFACT_URL:-}" ]] && args+=(--artifact-url "$INPUT_ARTIFACT_URL")
# shellcheck source=docs-url.sh
source "$(dirname "$0")/docs-url.sh"
"$CONTRIBBOT" "${args[@]}"
