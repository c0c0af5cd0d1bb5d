#!/usr/bin/env bash
# Cost of pull-request validation must grow with the change, not the repository. Builds a taxonomy repository of
# 10,000 leaves and one of 10 (from the valid files of a corpus folder: $CONTRIBBOT_CORPUS, else ../shared/corpus), changes one leaf on a branch in each, and
# times `contribbot validate --base main --head pr` on both in the same run. Goal: ratio (10,000 / 10) under 1.5.
#   benchmarks/pr-validate/run.sh [LARGE] [REPEATS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="$(cd "${CONTRIBBOT_CORPUS:-$repo/../shared/corpus}" && pwd)"
large="${1:-10000}"
repeats="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shellcheck source=../common.sh
source "$here/../common.sh"
publish_contribbot

export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
make_repo() { # DIR LEAVES
  local dir="$1" leaves="$2"
  python3 "$repo/benchmarks/validate/make_tree.py" "$corpus" "$dir" "$leaves" 2>/dev/null
  rm -f "$dir/groups.tsv"
  git -C "$dir" init --quiet --initial-branch=main
  git -C "$dir" add --all
  git -C "$dir" commit --quiet --message "taxonomy of $leaves leaves"
  git -C "$dir" checkout --quiet -b pr
  local leaf
  # A version 3 leaf, as a real contribution would be (awk reads all input: no SIGPIPE under pipefail).
  leaf="$(git -C "$dir" ls-files '*_v3/*qna.yaml' | awk 'NR == 1')"
  sed -i 's/^created_by: .*/created_by: benchmark-contributor/' "$dir/$leaf"
  git -C "$dir" commit --quiet --all --message "change one leaf"
}
echo "Building repositories of $large and 10 leaves..." >&2
make_repo "$work/large" "$large"
make_repo "$work/small" 10

# --offline: a changed knowledge leaf would otherwise fetch its document repository from the internet.
measure_pr() { measure "$contribbot" validate "$1" --base main --head pr --offline; }
read -r small_wall small_rss < <(measure_pr "$work/small")
read -r large_wall large_rss < <(measure_pr "$work/large")
checked="$( ("$contribbot" validate "$work/large" --base main --head pr --offline 2>&1 >/dev/null || true) | sed -n 's/.*, \([0-9]*\) leaf file(s) to check.*/\1/p')"

echo
echo "Machine: $(nproc) cores; best of $repeats runs; one leaf changed on branch 'pr' in each repository ($checked leaf checked)."
echo
echo "| Repository | Leaves | Wall (s) | Peak RSS (MB) | Ratio to 10 leaves |"
echo "|---|---:|---:|---:|---:|"
awk -v w="$small_wall" -v r="$small_rss" 'BEGIN { printf "| small | 10 | %.2f | %.0f | 1.00 |\n", w, r / 1024 }'
awk -v n="$large" -v w="$large_wall" -v r="$large_rss" -v s="$small_wall" 'BEGIN { printf "| large | %d | %.2f | %.0f | %.2f |\n", n, w, r / 1024, w / s }'
