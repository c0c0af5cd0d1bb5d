#!/usr/bin/env bash
# Fails the job as the fail-on input says: on errors (default), on warnings too, or never.
set -euo pipefail
errors="${ERRORS:-0}"
warnings="${WARNINGS:-0}"
case "${FAIL_ON:-error}" in
  never) exit 0 ;;
  warning) [[ "$errors" -eq 0 && "$warnings" -eq 0 ]] || { echo "::error::ContribBot found $errors error(s) and $warnings warning(s)."; exit 1; } ;;
  error) [[ "$errors" -eq 0 ]] || { echo "::error::ContribBot found $errors error(s)."; exit 1; } ;;
  *) echo "::error::fail-on must be error, warning or never (got '${FAIL_ON}')."; exit 2 ;;
esac
