#!/usr/bin/env python3
"""Prints a moment of a session, read from `attune plan --json`, so screenshot tests never hard-code times
that move when a script's prompts (and so its lead-ins) change.

usage: plan_time.py ATTUNE FILE KIND N OFFSET [MODE]
  the start of the N-th (0-based) phase of KIND (inhale, exhale, ...) for person a or both, plus OFFSET
  seconds (from its end when OFFSET is negative). MODE "own": only a's own rows, where a's pacer differs
  from b's (alternate, half, shift)."""
import json
import subprocess
import sys


def main():
    attune, script, kind, index, offset = sys.argv[1:6]
    mode = sys.argv[6] if len(sys.argv) > 6 else ""
    plan = json.loads(subprocess.run([attune, "plan", "--json", script], check=True, capture_output=True,
                                     text=True).stdout)
    people = ("a",) if mode == "own" else ("a", "both")
    phases = [p for p in plan["phases"] if p["kind"] == kind and p["person"] in people]
    if int(index) >= len(phases):
        sys.exit(f"plan_time: {script} has no {kind} phase number {index}{' in ' + mode if mode else ''}")
    phase = phases[int(index)]
    at = float(phase["end"] if float(offset) < 0 else phase["start"]) + float(offset)
    print(f"{at:.3f}")


if __name__ == "__main__":
    main()
