#!/usr/bin/env bash
# Installs the contribbot release binary for the action's own ref into the given folder, when that ref is a release
# (a tag with assets made by .github/workflows/release.yml): download, verify its SHA-256 against the release's
# SHA256SUMS, unpack. Prints installed=release or installed=none for $GITHUB_OUTPUT; any failure other than "no such
# release asset" (a checksum that does not match, a broken archive) stops the step: a binary that does not match its
# checksum is never run.
set -euo pipefail
out="${1:?usage: install.sh OUTPUT_FOLDER}"
repository="${ACTION_REPOSITORY:-}"
ref="${ACTION_REF:-}"
server="${GITHUB_SERVER_URL:-https://github.com}"

case "${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}" in
  Linux-X64 | Linux-x86_64) rid=linux-x64 ;;
  Linux-ARM64 | Linux-aarch64) rid=linux-arm64 ;;
  macOS-ARM64 | Darwin-arm64) rid=osx-arm64 ;;
  Windows-X64) rid=win-x64 ;;
  *) rid="" ;;
esac

if [[ -z "$repository" || -z "$ref" || -z "$rid" ]]; then
  echo "No release binary for this runner or ref (repository '${repository}', ref '${ref}', platform '${rid:-unknown}'); building from source." >&2
  echo "installed=none"
  exit 0
fi

asset="contribbot-$rid.tar.gz"
base="$server/$repository/releases/download/$ref"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fetch() { curl --fail --silent --show-error --location --retry 3 --retry-delay 2 --connect-timeout 10 --max-time 300 "$@"; }
if ! fetch --output "$work/$asset" "$base/$asset" 2>"$work/curl.err" || ! fetch --output "$work/SHA256SUMS" "$base/SHA256SUMS" 2>>"$work/curl.err"; then
  echo "No release asset $asset for $repository@$ref ($(tr '\n' ' ' < "$work/curl.err")); building from source." >&2
  echo "installed=none"
  exit 0
fi

expected="$(awk -v name="$asset" '$2 == name || $2 == "*" name { print $1 }' "$work/SHA256SUMS")"
if command -v sha256sum > /dev/null; then actual="$(sha256sum "$work/$asset" | cut -d' ' -f1)"; else actual="$(shasum -a 256 "$work/$asset" | cut -d' ' -f1)"; fi
if [[ -z "$expected" || "$expected" != "$actual" ]]; then
  echo "::error::The checksum of $asset ($actual) does not match the release's SHA256SUMS (${expected:-no entry}); not running it." >&2
  exit 1
fi

mkdir -p "$out"
tar -xzf "$work/$asset" -C "$out"
"$out/contribbot" --version >&2
echo "Installed contribbot $ref ($rid) from the release, checksum verified." >&2
echo "installed=release"
