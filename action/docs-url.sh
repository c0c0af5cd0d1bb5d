#!/usr/bin/env bash
# Sourced by the action's scripts: points report links at the diagnostics page of this very copy of the action (its
# own repository at its own ref), unless CONTRIBBOT_DOCS_URL is set already. A local action (`uses: ./`) has no
# repository or ref of its own: its reports then carry no links rather than guessed ones.
repository="${ACTION_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-}}"
ref="${ACTION_REF:-${GITHUB_ACTION_REF:-}}"
if [[ -z "${CONTRIBBOT_DOCS_URL:-}" && "$repository" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ && "$ref" =~ ^[A-Za-z0-9_./-]+$ ]]; then
  export CONTRIBBOT_DOCS_URL="${GITHUB_SERVER_URL:-https://github.com}/$repository/blob/$ref/docs/diagnostics.md"
fi
unset repository ref
