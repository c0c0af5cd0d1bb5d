#!/usr/bin/env bash
# Builds the contribbot CLI from the action's own source into the given folder as native code (Native AOT): it starts
# in milliseconds and needs no JIT. Needs clang or gcc (both are on GitHub's runners); the action caches the result.
set -euo pipefail
root="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
out="${1:?usage: build.sh OUTPUT_FOLDER}"
echo "Building contribbot into $out (native code; a few minutes, once per version)…"
# Warnings are not errors here: this build runs on the user's runner, where a newer SDK's new analyzer warnings
# must not break their pull requests (this repository's own CI keeps them errors).
dotnet publish "$root/src/ContribBot.Cli" --configuration Release --use-current-runtime -p:PublishAot=true \
  -p:TreatWarningsAsErrors=false -p:CodeAnalysisTreatWarningsAsErrors=false \
  --output "$out" --nologo --verbosity quiet
# Debug symbols and PDBs are for debuggers, not for running: 70 MB the cache need not hold.
rm -f "$out"/*.dbg "$out"/*.pdb
"$out/contribbot" --version
