# Shared by the benchmark scripts: source it after setting $repo, $work and $repeats.

# publish_contribbot: builds the command as the action ships it (action/build.sh: Release, Native AOT) into
# $work/contribbot and sets $contribbot to its path.
publish_contribbot() {
  echo "Publishing contribbot as the action does (action/build.sh: Native AOT)..." >&2
  "$repo/action/build.sh" "$work/contribbot" >/dev/null
  contribbot="$work/contribbot/contribbot"
}

# measure COMMAND...: runs the command $repeats times (its exit code is ignored: findings are expected) and prints
# the best wall time in seconds and the largest peak RSS in KB.
measure() {
  local best="" rss=0 wall kb
  for _ in $(seq "$repeats"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    read -r wall kb < <(tail -n 1 "$work/time") # GNU time puts "Command exited with..." first on failure
    if [[ -z "$best" ]] || awk "BEGIN{exit !($wall < $best)}"; then best="$wall"; fi
    if (( kb > rss )); then rss="$kb"; fi
  done
  echo "$best $rss"
}
