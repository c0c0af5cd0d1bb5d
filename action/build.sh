#!/usr/bin/env bash
# Builds the contribbot CLI from the action's own source into the given folder (ReadyToRun, for a fast start).
set -euo pipefail
root="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
out="${1:?usage: build.sh OUTPUT_FOLDER}"
echo "Building contribbot into $out…"
dotnet publish "$root/src/ContribBot.Cli" --configuration Release --runtime linux-x64 --self-contained false \
  -p:PublishReadyToRun=true --output "$out" --nologo --verbosity quiet
"$out/contribbot" --version
