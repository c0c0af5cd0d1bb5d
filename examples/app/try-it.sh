#!/usr/bin/env bash
# Runs the GitHub App against the fake GitHub, on this machine only: no GitHub account, no network.
#   1. builds contribbot and the fake GitHub (tests/ContribBot.FakeGitHub.Host);
#   2. makes a taxonomy repository from examples/taxonomy with a pull request branch `pr` adding one leaf;
#   3. starts the fake GitHub with an App installed on demo-org/taxonomy, and `contribbot serve --allow-local-repos`;
#   4. has the fake send the App a signed pull_request delivery, then a `/contribbot help` comment;
#   5. prints the check run and the comment the App made, and stops both.
# Needs dotnet, git, openssl and curl. Set CONTRIBBOT_TEACHER_URL (and CONTRIBBOT_MODEL) for real samples; without
# them the preview is the dry-run plan.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building contribbot and the fake GitHub…" >&2
dotnet build "$repo/src/ContribBot.Cli" -c Release --nologo -v quiet >/dev/null
dotnet build "$repo/tests/ContribBot.FakeGitHub.Host" -c Release --nologo -v quiet >/dev/null
contribbot=(dotnet "$repo/src/ContribBot.Cli/bin/Release/net10.0/contribbot.dll")
fake=(dotnet "$repo/tests/ContribBot.FakeGitHub.Host/bin/Release/net10.0/ContribBot.FakeGitHub.Host.dll")

# The App's key pair: the private half for the App, the public half for the fake GitHub to check its JWTs with.
openssl genrsa -out "$work/app.pem" 2048 2>/dev/null
openssl rsa -in "$work/app.pem" -pubout -out "$work/app.pub.pem" 2>/dev/null

# A taxonomy repository: main holds the example taxonomy, branch pr adds a leaf.
taxonomy="$work/taxonomy"
cp -r "$repo/examples/taxonomy" "$taxonomy"
git -C "$taxonomy" init -q -b main
git -C "$taxonomy" -c user.name=demo -c user.email=demo@example.invalid add -A
git -C "$taxonomy" -c user.name=demo -c user.email=demo@example.invalid commit -qm "The example taxonomy"
git -C "$taxonomy" checkout -q -b pr
leaf="$(dirname "$(find "$taxonomy/compositional_skills" -name qna.yaml | head -n 1)")"
cp -r "$leaf" "${leaf}_copy"
sed -i 's/^created_by: .*/created_by: demo-contributor/' "${leaf}_copy/qna.yaml"
git -C "$taxonomy" -c user.name=demo -c user.email=demo@example.invalid add -A
git -C "$taxonomy" -c user.name=demo -c user.email=demo@example.invalid commit -qm "Add a leaf"
head_sha="$(git -C "$taxonomy" rev-parse HEAD)"
git -C "$taxonomy" checkout -q main

secret="demo-webhook-secret"
port_app=$((20000 + RANDOM % 20000))
port_fake=$((port_app + 1))
"${fake[@]}" --public-key "$work/app.pub.pem" --repository demo-org/taxonomy --clone-url "$taxonomy" --head "$head_sha" \
  --webhook "http://127.0.0.1:$port_app/webhooks" --secret "$secret" --port "$port_fake" --app-id 1 >"$work/fake.log" 2>&1 &
pids+=($!)

CONTRIBBOT_APP_ID=1 CONTRIBBOT_PRIVATE_KEY_FILE="$work/app.pem" CONTRIBBOT_WEBHOOK_SECRET="$secret" \
CONTRIBBOT_DATABASE="$work/contribbot.db" GITHUB_API_URL="http://127.0.0.1:$port_fake" \
  "${contribbot[@]}" serve --urls "http://127.0.0.1:$port_app" --allow-local-repos --log-format text >"$work/app.log" 2>&1 &
pids+=($!)

for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port_app/healthz" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$port_fake/_fake/state" >/dev/null 2>&1 && break
  sleep 0.2
done

echo "GitHub sends the App a signed pull_request delivery:" >&2
curl -fs -X POST "http://127.0.0.1:$port_fake/_fake/deliver/pull_request" >&2; echo >&2
state() { curl -fs "http://127.0.0.1:$port_fake/_fake/state"; }
for _ in $(seq 300); do
  state | grep -q '"status":"completed"' && state | grep -q 'contribbot:sticky-comment' && break
  sleep 0.2
done

echo "A maintainer comments /contribbot help:" >&2
curl -fs -X POST "http://127.0.0.1:$port_fake/_fake/deliver/issue_comment?body=/contribbot%20help&association=MEMBER" >&2; echo >&2
for _ in $(seq 100); do
  state | grep -q '"content":"+1"' && break
  sleep 0.2
done

state > "$work/state.json"
python3 - "$work/state.json" <<'PY' 2>/dev/null || cat "$work/state.json"
import json, sys
state = json.load(open(sys.argv[1]))
for run in state["check_runs"]:
    print(f"Check run {run['name']} on {run['head_sha'][:12]}: {run['status']}, {run['conclusion']} — {run['output']['title']}")
for comment in state["comments"]:
    lines = [line for line in comment["body"].splitlines() if line.strip() and not line.startswith("<!--")]
    print(f"Comment by {comment['user']['login']}: {lines[0] if lines else ''}")
print(f"Reactions: {', '.join(r['content'] for r in state['reactions']) or 'none'}")
PY
echo >&2
echo "The App's log:" >&2
grep -E "ContribBot|Job|Delivery|Published" "$work/app.log" | grep -v "^info: Microsoft" | tail -n 12 >&2
