#!/usr/bin/env bash
# Times `contribbot validate` and ajv-cli (schema only) on the same files with the same schemas, in one run:
# the shared corpus (../shared/corpus) and a generated tree of 10,000 leaves. Prints wall time, files/s, peak RSS and
# the ratio contribbot/ajv (below 1.0 means contribbot is faster). Needs dotnet, node/npm, python3, GNU time.
#   benchmarks/validate/run.sh [LEAVES] [REPEATS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="$(cd "$repo/../shared/corpus" && pwd)"
leaves="${1:-10000}"
repeats="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shellcheck source=../common.sh
source "$here/../common.sh"
publish_contribbot

echo "Installing ajv-cli@5 and ajv-formats into $work/ajv..." >&2
mkdir -p "$work/ajv"
(cd "$work/ajv" && npm install --silent --no-audit --no-fund ajv-cli@5 ajv-formats@2 >/dev/null)
ajv="$work/ajv/node_modules/.bin/ajv"

echo "Generating a tree of $leaves leaves..." >&2
python3 "$here/make_tree.py" "$corpus" "$work/tree" "$leaves"
python3 "$here/corpus_groups.py" "$corpus" > "$work/corpus-groups.tsv"

# ajv takes one schema per run: one run per group, all inside one timed shell.
ajv_tree() {
  cd "$work/tree"
  while IFS=$'\t' read -r schema glob; do
    "$ajv" validate --spec=draft2020 -c ajv-formats -s "$repo/schema/$schema" -d "$glob" >/dev/null 2>&1 || true
  done < groups.tsv
}
ajv_corpus() {
  local schema
  for schema in $(cut -f1 "$work/corpus-groups.tsv" | sort -u); do
    mapfile -t files < <(awk -F'\t' -v s="$schema" '$1==s {print $2}' "$work/corpus-groups.tsv")
    args=()
    for f in "${files[@]}"; do args+=(-d "$f"); done
    "$ajv" validate --spec=draft2020 -c ajv-formats -s "$repo/schema/$schema" "${args[@]}" >/dev/null 2>&1 || true
  done
}
export -f ajv_tree ajv_corpus
export work repo ajv

corpus_files=$(find "$corpus/head" "$corpus/2024-08" -name qna.yaml | wc -l)
read -r cb_corpus_wall cb_corpus_rss < <(measure "$contribbot" validate "$corpus/head" "$corpus/2024-08")
read -r ajv_corpus_wall ajv_corpus_rss < <(measure bash -c ajv_corpus)
read -r cb_tree_wall cb_tree_rss < <(measure "$contribbot" validate "$work/tree")
read -r ajv_tree_wall ajv_tree_rss < <(measure bash -c ajv_tree)

row() { # tree files tool wall rss ratio
  awk -v t="$1" -v n="$2" -v tool="$3" -v w="$4" -v r="$5" -v ratio="$6" \
    'BEGIN { printf "| %s | %d | %s | %.2f | %.0f | %.0f | %s |\n", t, n, tool, w, (w > 0 ? n / w : 0), r / 1024, ratio }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); best of $repeats runs; ratio = contribbot / ajv wall time."
echo
echo "| Tree | Files | Tool | Wall (s) | Files/s | Peak RSS (MB) | Ratio |"
echo "|---|---:|---|---:|---:|---:|---:|"
row "shared corpus" "$corpus_files" "contribbot validate" "$cb_corpus_wall" "$cb_corpus_rss" "$(ratio "$cb_corpus_wall" "$ajv_corpus_wall")"
row "shared corpus" "$(wc -l < "$work/corpus-groups.tsv")" "ajv-cli (schema only)" "$ajv_corpus_wall" "$ajv_corpus_rss" "1.00"
row "generated" "$leaves" "contribbot validate" "$cb_tree_wall" "$cb_tree_rss" "$(ratio "$cb_tree_wall" "$ajv_tree_wall")"
row "generated" "$leaves" "ajv-cli (schema only)" "$ajv_tree_wall" "$ajv_tree_rss" "1.00"
