#!/usr/bin/env bash
# Runs a command and checks its exit code, stdout and stderr exactly, as a user would see them.
# Usage: expect_output.sh EXIT_CODE EXPECTED_STDOUT EXPECTED_STDERR COMMAND [ARGS...]
# The expected texts are literal; each "\n" in them is a line break. "-" skips that stream's check.
set -uo pipefail
expected_code="$1" expected_out="$2" expected_err="$3"
shift 3
out_file="$(mktemp)" err_file="$(mktemp)"
trap 'rm -f "$out_file" "$err_file"' EXIT
"$@" >"$out_file" 2>"$err_file"
code=$?
status=0
if [ "$code" != "$expected_code" ]; then
  echo "exit code: expected $expected_code, got $code"
  status=1
fi
check() {
  local name="$1" expected="$2" file="$3"
  [ "$expected" = "-" ] && return
  if [ "$(printf '%b' "$expected")" != "$(cat "$file")" ]; then
    echo "--- $name expected:"; printf '%b\n' "$expected"
    echo "--- $name got:"; cat "$file"
    status=1
  fi
}
check stdout "$expected_out" "$out_file"
check stderr "$expected_err" "$err_file"
exit $status
