#!/usr/bin/env bash
# Runs shell commands side by side (the build's single-threaded steps leave the second core idle),
# prints each one's output in order once it is done, and fails if any of them failed.
set -uo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pids=()
i=0
for cmd in "$@"; do
  bash -c "$cmd" >"$dir/$i.log" 2>&1 &
  pids+=($!)
  i=$((i + 1))
done
status=0
i=0
for cmd in "$@"; do
  wait "${pids[$i]}"
  rc=$?
  printf '\n--- %s (exit %d)\n' "$cmd" "$rc"
  cat "$dir/$i.log"
  ((rc == 0)) || status=1
  i=$((i + 1))
done
exit "$status"
