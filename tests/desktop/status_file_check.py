#!/usr/bin/env python3
"""--status-file under a real run: while the app plays a session (Xvfb, dummy audio), the status file is read
1,000 times at random moments; every read must be whole, valid JSON with the documented keys, the line file
one line, and over the run the state reaches "playing" and the seconds left count down.
Usage: status_file_check.py ATTUNE SESSION WORK_DIR  (inside xvfb-run)"""
import json
import os
import random
import shutil
import subprocess
import sys
import time

app, session, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(os.path.join(work, "config", "attune"))
with open(os.path.join(work, "config", "attune", "settings.yaml"), "w") as f:
    f.write("pre_roll: 1\n")
status = os.path.join(work, "status.json")
env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(work, "config"), XDG_DATA_HOME=os.path.join(work, "data"),
           SDL_AUDIODRIVER="dummy")
proc = subprocess.Popen([app, session, "--start", "--quit-after", "9", "--size", "800x600", "--status-file", status],
                        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
keys = {"state", "session", "step_number", "step_count", "step", "phase", "phase_seconds_left", "seconds_left",
        "step_seconds_left", "caption"}
deadline = time.monotonic() + 10
while not os.path.exists(status) and time.monotonic() < deadline:
    time.sleep(0.01)
if not os.path.exists(status):
    proc.kill()
    sys.exit(f"no status file within 10 s: {proc.communicate()[0].decode(errors='replace')}")
rng = random.Random(7)
states, seconds = set(), []
for i in range(1000):
    with open(status, "rb") as f:
        text = f.read().decode("utf-8")
    try:
        report = json.loads(text)
    except ValueError as e:
        proc.kill()
        sys.exit(f"read {i}: not valid JSON ({e}): {text!r}")
    if set(report) != keys:
        proc.kill()
        sys.exit(f"read {i}: keys {sorted(report)} != {sorted(keys)}")
    with open(status + ".txt", encoding="utf-8") as f:
        line = f.read()
    if not line.endswith("\n") or "\n" in line[:-1]:
        proc.kill()
        sys.exit(f"read {i}: the line file is not one line: {line!r}")
    states.add(report["state"])
    seconds.append(report["seconds_left"])
    time.sleep(rng.uniform(0, 0.012))
out = proc.communicate(timeout=20)[0].decode(errors="replace")
if proc.returncode != 0:
    sys.exit(f"the app exited with {proc.returncode}: {out}")
if "playing" not in states:
    sys.exit(f"the state never reached playing: {sorted(states)}")
if not max(seconds) - min(seconds) >= 3:
    sys.exit(f"the seconds left did not count down: {max(seconds)} .. {min(seconds)}")
print(f"status file: 1000 reads, all valid JSON; states {sorted(states)}; seconds left {max(seconds)} -> {min(seconds)}")
