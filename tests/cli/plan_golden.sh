#!/usr/bin/env bash
# tests/cli/plan_golden.sh: `attune plan --json` of one script against its golden file, with a unified diff
# on failure. Usage: plan_golden.sh ATTUNE SCRIPT GOLDEN
# Speech lengths come from espeak-ng and are cached under $XDG_CACHE_HOME: the plan is made twice, once with
# a fresh empty cache (lengths computed) and once with the cache that run filled (lengths read back); both
# must equal the golden. With ATTUNE_UPDATE_GOLDENS=1 the golden is rewritten from the fresh-cache run.
set -uo pipefail
attune="$1" script="$2" golden="$3"
cache="$(mktemp -d)" out="$(mktemp)" err="$(mktemp)"
trap 'rm -rf "$cache" "$out" "$err"' EXIT
status=0

plan() {  # plan LABEL: runs the command into $out/$err, checks exit 0 and compares against the golden
  local label="$1"
  XDG_CACHE_HOME="$cache" "$attune" plan --json "$script" >"$out" 2>"$err"
  local code=$?
  if [ "$code" != 0 ]; then
    echo "$label: exit code $code, expected 0; stderr:"; cat "$err"
    status=1
    return
  fi
  if [ "${ATTUNE_UPDATE_GOLDENS:-}" = 1 ]; then
    if ! cmp -s "$out" "$golden"; then
      cp "$out" "$golden" && echo "updated $golden"
    fi
    return
  fi
  if ! diff -u --label "$golden" --label "attune plan --json $script ($label)" "$golden" "$out"; then
    echo "$label: the plan differs from the golden (set ATTUNE_UPDATE_GOLDENS=1 or run scripts/update-goldens"
    echo "if the change is intended)"
    status=1
  fi
}

plan "fresh speech cache"
[ "${ATTUNE_UPDATE_GOLDENS:-}" = 1 ] && exit $status
if [ ! -s "$cache/attune/speech-lengths-v1.txt" ] && grep -q '"kind": "say"' "$golden"; then
  echo "the fresh run wrote no speech-length cache under \$XDG_CACHE_HOME/attune"
  status=1
fi
plan "warm speech cache"
exit $status
