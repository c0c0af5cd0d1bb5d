#!/usr/bin/env bash
# Builds the contribbot CLI from the action's own source into the given folder as native code (Native AOT): it starts
# in milliseconds and needs no JIT. Needs clang or gcc (both are on GitHub's runners); the action caches the result.
set -euo pipefail
root="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
out="${1:?usage: build.sh OUTPUT_FOLDER}"
echo "Building contribbot into $out (native code; a few minutes, once per version)…"
dotnet publish "$root/src/ContribBot.Cli" --configuration Release --use-current-runtime -p:PublishAot=true \
  --output "$out" --nologo --verbosity quiet
# Debug symbols and PDBs are for debuggers, not for running: 70 MB the cache need not hold.
rm -f "$out"/*.dbg "$out"/*.pdb
"$out/contribbot" --version
