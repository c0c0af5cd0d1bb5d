#!/usr/bin/env bash
# Prints "hash=<sha256 of the CLI's sources>" for the build cache key (hashFiles() only sees the workspace, and the
# action's own files live outside it).
set -euo pipefail
root="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
hash="$(cd "$root" && find src schema Directory.Build.props Directory.Packages.props -type f \
  -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
echo "hash=$hash"
