#!/usr/bin/env bash
# Times the knowledge-document chunker through the real path: a dry-run `contribbot preview` of one knowledge leaf
# whose document repository holds one generated Markdown file, for each shape of text at each size. Shapes: prose in
# long lines, one repeated word, Chinese text without spaces, random letters without spaces (minified data), and the
# whole size in one line of prose. Prints seconds and peak RSS per case. Needs dotnet, git, python3, GNU time.
#   benchmarks/chunking/run.sh [SIZES_MIB...]        default: 1 10
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sizes=("${@:-1 10}")
read -r -a sizes <<<"${sizes[*]}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repeats=1
# shellcheck source=../common.sh
source "$here/../common.sh"
publish_contribbot

leaf_source="$repo/examples/taxonomy/knowledge/science/astronomy/moon_phases"
echo
echo "Machine: $(nproc) cores; dry-run preview of one knowledge leaf with one document (chunks of the default size)."
echo
echo "| Document | Size (MiB) | Wall (s) | Peak RSS (MB) |"
echo "|---|---:|---:|---:|"
for shape in prose-lines repeated-word chinese no-spaces one-line; do
  for mib in "${sizes[@]}"; do
    case_dir="$work/$shape-$mib"
    mkdir -p "$case_dir/document-repo/moon" "$case_dir/taxonomy/knowledge/science/astronomy/moon_phases"
    python3 - "$shape" "$mib" "$case_dir/document-repo/moon/doc.md" <<'PY'
import random, sys
shape, mib, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
limit = mib * 1024 * 1024
rng = random.Random(7)
words = "the moon shows phases because sunlight falls on the half facing the sun while we see a changing part".split()
out, size = [], 0
def add(text):
    global size
    data = text.encode("utf-8")
    if size + len(data) > limit:
        return False
    out.append(text); size += len(data); return True
if shape == "prose-lines":
    while add(" ".join(rng.choice(words) for _ in range(400)) + ".\n"): pass
elif shape == "repeated-word":
    while add("lunar "): pass
elif shape == "chinese":
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    while add("".join(rng.choice(han) for _ in range(1000))): pass
elif shape == "no-spaces":
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    while add("".join(rng.choice(letters) for _ in range(1000))): pass
elif shape == "one-line":
    while add(" ".join(rng.choice(words) for _ in range(50)) + ". "): pass
open(path, "w", encoding="utf-8", newline="\n").write("".join(out))
PY
    git -C "$case_dir/document-repo" init --quiet --initial-branch=main
    git -C "$case_dir/document-repo" add --all
    git -C "$case_dir/document-repo" -c user.name=bench -c user.email=bench@contribbot.invalid -c commit.gpgsign=false \
      commit --quiet --message "document"
    commit="$(git -C "$case_dir/document-repo" rev-parse HEAD)"
    sed -e "s|^  commit: .*|  commit: $commit|" -e "s|^    - moon/\*.md|    - moon/doc.md|" \
      "$leaf_source/qna.yaml" > "$case_dir/taxonomy/knowledge/science/astronomy/moon_phases/qna.yaml"
    cp "$leaf_source/attribution.txt" "$case_dir/taxonomy/knowledge/science/astronomy/moon_phases/" 2>/dev/null || true
    /usr/bin/time -f "%e %M" -o "$work/time" "$contribbot" preview "$case_dir/taxonomy" --allow-local-repos --dry-run \
      --out "$case_dir/out" >"$work/out.txt" 2>&1 || { echo "preview failed on $shape $mib MiB:" >&2; cat "$work/out.txt" >&2; exit 1; }
    read -r wall kb < <(tail -n 1 "$work/time")
    printf '| %s | %s | %s | %s |\n' "$shape" "$mib" "$wall" "$((kb / 1024))"
  done
done
