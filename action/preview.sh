#!/usr/bin/env bash
# Runs `contribbot preview` for the action and sets its outputs; the verdict step decides whether the job fails.
set -uo pipefail
args=(preview "${INPUT_PATH:-.}" --out "${INPUT_REPORT:-contribbot-report}" --samples "${INPUT_SAMPLES:-5}")
base="${INPUT_BASE:-}"
if [[ -z "$base" && -n "${PR_BASE_REF:-}" ]]; then
  base="origin/$PR_BASE_REF"
fi
if [[ -n "$base" ]]; then
  args+=(--base "$base")
fi
if [[ "${INPUT_REQUIRE_TEACHER:-false}" == "true" ]]; then
  args+=(--require-teacher)
fi
# contribbot sends GITHUB_TOKEN to GitHub Models only; any other endpoint gets the api-key input (or nothing).
for name in CONTRIBBOT_TEACHER_URL CONTRIBBOT_MODEL CONTRIBBOT_CRITIC_MODEL CONTRIBBOT_API_KEY; do
  [[ -z "${!name:-}" ]] && unset "$name"
done

# shellcheck source=docs-url.sh
source "$(dirname "$0")/docs-url.sh"

"$CONTRIBBOT" "${args[@]}"
status=$?

# Annotations from this run's own log, so a contributor sees every problem on the diff even before (or without) the
# publish workflow. The documents are in the cache by now, so this second, validation-only pass needs no network.
validate=(validate "${INPUT_PATH:-.}" --format github)
[[ -n "$base" ]] && validate+=(--base "$base")
"$CONTRIBBOT" "${validate[@]}" || true
report="${INPUT_REPORT:-contribbot-report}"
{
  echo "exit-code=$status"
  echo "report-path=$report"
  if [[ -f "$report/report.json" ]]; then
    echo "error-count=$(jq -r '.summary.errors // 0' "$report/report.json")"
    echo "warning-count=$(jq -r '.summary.warnings // 0' "$report/report.json")"
  fi
} >> "$GITHUB_OUTPUT"

if [[ -f "$report/report.json" ]]; then
  if [[ "${INPUT_COMMENT:-false}" == "true" ]]; then
    "$CONTRIBBOT" pr --report "$report" || exit 2
  else
    # No write access assumed (fork pull requests): the job summary only; publishing is the second workflow's job.
    "$CONTRIBBOT" pr --report "$report" --no-comment --no-check || exit 2
  fi
fi
# Exit 2 is a usage, configuration or teacher failure: fail now. Findings (1) are the verdict step's call.
[[ $status -ne 2 ]]
