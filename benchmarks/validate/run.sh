#!/usr/bin/env bash
# Times `contribbot validate` (the build the action ships: Release, ReadyToRun) against ajv-cli (schema only) on the
# same files with the same schemas, in one run: a corpus of real taxonomy snapshots, and a generated tree of LEAVES
# leaves made from its valid files. Runs are paired (contribbot then ajv, order alternating) and the README reports the
# median of the per-pair ratios with their spread, once on a quiet machine and once with the other core kept busy.
# Also times one small leaf against `--help` (start-up) and records peak RSS. Needs dotnet, node/npm, python3, GNU time.
#   benchmarks/validate/run.sh [LEAVES] [PAIRS]        corpus: $CONTRIBBOT_CORPUS, else ../shared/corpus
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="$(cd "${CONTRIBBOT_CORPUS:-$repo/../shared/corpus}" && pwd)"
leaves="${1:-10000}"
repeats="${2:-5}"
work="$(mktemp -d)"
busy_pid=""
trap '[[ -n "$busy_pid" ]] && kill "$busy_pid" 2>/dev/null; rm -rf "$work"' EXIT

# shellcheck source=../common.sh
source "$here/../common.sh"
publish_contribbot

echo "Installing ajv-cli@5 and ajv-formats into $work/ajv..." >&2
mkdir -p "$work/ajv"
(cd "$work/ajv" && npm install --silent --no-audit --no-fund ajv-cli@5 ajv-formats@2 >/dev/null)
ajv="$work/ajv/node_modules/.bin/ajv"

echo "Generating a tree of $leaves leaves..." >&2
python3 "$here/make_tree.py" "$corpus" "$work/tree" "$leaves" >/dev/null
mkdir -p "$work/one/compositional_skills/writing/haiku"
cp "$repo/examples/taxonomy/compositional_skills/writing/freeform/haiku/"* "$work/one/compositional_skills/writing/haiku/"

# ajv takes one schema per run: one run per group, all inside one timed shell.
ajv_tree() {
  cd "$work/tree"
  while IFS=$'\t' read -r schema glob; do
    "$ajv" validate --spec=draft2020 -c ajv-formats -s "$repo/schema/$schema" -d "$glob" >/dev/null 2>&1 || true
  done < groups.tsv
}
export -f ajv_tree
export work repo ajv

# once COMMAND...: wall seconds and peak RSS (KB) of one run (exit code ignored: findings are expected).
once() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/time"
}

# pairs LABEL: $repeats paired runs on the tree; prints "median min max cb_median ajv_median rss".
pairs() {
  local ratios=() cbs=() ajvs=() rss=0 cb ajvw kb
  for i in $(seq "$repeats"); do
    if (( i % 2 )); then
      read -r cb kb < <(once "$contribbot" validate "$work/tree"); read -r ajvw _ < <(once bash -c ajv_tree)
    else
      read -r ajvw _ < <(once bash -c ajv_tree); read -r cb kb < <(once "$contribbot" validate "$work/tree")
    fi
    ratios+=("$(awk -v a="$cb" -v b="$ajvw" 'BEGIN { printf "%.3f", a / b }')"); cbs+=("$cb"); ajvs+=("$ajvw")
    (( kb > rss )) && rss="$kb"
  done
  local sorted; sorted=$(printf '%s\n' "${ratios[@]}" | sort -n)
  echo "$(median "${ratios[@]}") $(head -n1 <<<"$sorted") $(tail -n1 <<<"$sorted") $(median "${cbs[@]}") $(median "${ajvs[@]}") $rss"
}
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

read -r q_med q_min q_max q_cb q_ajv q_rss < <(pairs quiet)
yes > /dev/null & busy_pid=$!
read -r b_med b_min b_max b_cb b_ajv b_rss < <(pairs busy)
kill "$busy_pid"; busy_pid=""

one=(); help=(); one_rss=0
for _ in $(seq "$repeats"); do
  read -r w kb < <(once "$contribbot" validate "$work/one"); one+=("$w"); (( kb > one_rss )) && one_rss="$kb"
  read -r w _ < <(once "$contribbot" --help); help+=("$w")
done

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $leaves leaves; $repeats paired runs each; ratio = contribbot / ajv-cli wall time, median (min–max) of the pairs."
echo
echo "| Case | contribbot (s) | ajv-cli (s) | Ratio, median (min–max) | Peak RSS (MB) |"
echo "|---|---:|---:|---:|---:|"
awk -v c="$q_cb" -v a="$q_ajv" -v m="$q_med" -v lo="$q_min" -v hi="$q_max" -v r="$q_rss" 'BEGIN { printf "| %d leaves, quiet machine | %.2f | %.2f | %.2f (%.2f–%.2f) | %.0f |\n", '"$leaves"', c, a, m, lo, hi, r / 1024 }'
awk -v c="$b_cb" -v a="$b_ajv" -v m="$b_med" -v lo="$b_min" -v hi="$b_max" -v r="$b_rss" 'BEGIN { printf "| %d leaves, other core busy | %.2f | %.2f | %.2f (%.2f–%.2f) | %.0f |\n", '"$leaves"', c, a, m, lo, hi, r / 1024 }'
awk -v o="$(median "${one[@]}")" -v h="$(median "${help[@]}")" -v r="$one_rss" 'BEGIN { printf "| one small leaf (median) | %.2f | – | `--help`: %.2f s | %.0f |\n", o, h, r / 1024 }'
