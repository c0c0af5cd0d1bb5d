#!/usr/bin/env bash
# Carries out a /contribbot comment command, or the review boxes a maintainer ticked in ContribBot's comment, in an
# issue_comment workflow. The checkout is the base repository's default branch (trusted, with its settings); the pull
# request's head commit is fetched into it as objects under a ref of our own, never checked out, nothing in it run.
set -euo pipefail
pr="${PR_NUMBER:-}"
if ! [[ "$pr" =~ ^[0-9]{1,9}$ ]]; then
  echo "::notice::Not a comment on a pull request; nothing to do."
  exit 0
fi
taxonomy="${INPUT_PATH:-.}"
git -C "$taxonomy" fetch --quiet --no-tags --no-recurse-submodules origin "+refs/pull/$pr/head:refs/contribbot/pull/$pr/head"
args=(command --taxonomy "$taxonomy" --out "${INPUT_REPORT:-contribbot-report}")
[[ "${INPUT_REVIEW_BOXES:-true}" == "true" ]] || args+=(--no-review-boxes)
# contribbot sends GITHUB_TOKEN to GitHub Models only; any other endpoint gets the api-key input (or nothing).
for name in CONTRIBBOT_TEACHER_URL CONTRIBBOT_MODEL CONTRIBBOT_CRITIC_MODEL CONTRIBBOT_API_KEY; do
  [[ -z "${!name:-}" ]] && unset "$name"
done
# shellcheck source=docs-url.sh
source "$(dirname "$0")/docs-url.sh"
"$CONTRIBBOT" "${args[@]}"
