#!/usr/bin/env bash
# Publishes a report folder made by an earlier (untrusted) run. The verdict is computed here, from git objects: the pull
# request's head commit is fetched into this trusted checkout of the base repository (never checked out, nothing in it
# run) and contribbot validates what it changes; the report folder only adds its preview samples. The PR number comes
# from the artifact, so it must be digits, and contribbot checks that the pull request's head is the commit the
# triggering run was for (head-sha, from the workflow_run event).
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
[[ "${INPUT_REVIEW_BOXES:-}" == "true" ]] && args+=(--review-boxes)
taxonomy="${INPUT_PATH:-.}"
if [[ "${INPUT_VERIFY:-true}" == "true" ]]; then
  # Objects only: a ref outside refs/heads, so nothing is checked out and no branch of ours moves.
  git -C "$taxonomy" fetch --quiet --no-tags --no-recurse-submodules origin "+refs/pull/$pr/head:refs/contribbot/pull/$pr/head"
  args+=(--taxonomy "$taxonomy")
fi
# shellcheck source=docs-url.sh
source "$(dirname "$0")/docs-url.sh"
"$CONTRIBBOT" "${args[@]}"
