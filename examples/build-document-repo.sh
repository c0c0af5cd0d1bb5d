#!/usr/bin/env bash
# Builds examples/document-repo: a git repository holding examples/documents/ in one commit with fixed names and
# dates, so its commit SHA is the same on every machine and matches the one pinned in the knowledge leaf.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$here/document-repo"
rm -rf "$repo"
mkdir -p "$repo"
cp -R "$here/documents/." "$repo/"
export GIT_AUTHOR_NAME="ContribBot Examples" GIT_AUTHOR_EMAIL="examples@contribbot.invalid"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
git -C "$repo" init --quiet --initial-branch=main
git -C "$repo" -c core.autocrlf=false add --all
git -C "$repo" -c commit.gpgsign=false commit --quiet --message "Example knowledge documents"
git -C "$repo" rev-parse HEAD
