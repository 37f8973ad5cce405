#!/usr/bin/env python3
"""End-to-end checks of a session whose ambience file lasts two hours (issue 10: streamed from disk).

  long_ambience.py quit ATTUNE DIR    the app plays it and quits after 3 s: exit 0 within 5 s of wall time
  long_ambience.py render ATTUNE DIR  `attune render` of 5 s: exit 0, under 3 s, peak memory under 200 MB

The WAV (2 hours of 16-bit mono at 48 kHz, 691 MB: noise for 10 s, then silence) is written with its
silence as a hole, so it takes milliseconds and no disk; DIR is removed afterwards.
"""
import os
import random
import resource
import shutil
import struct
import subprocess
import sys
import time

RATE = 48000
SECONDS = 7200


def write_wav(path):
    frames = RATE * SECONDS
    data = frames * 2
    rng = random.Random(1)
    noise = struct.pack("<%dh" % (RATE * 10), *(rng.randint(-8000, 8000) for _ in range(RATE * 10)))
    with open(path, "wb") as out:
        out.write(b"RIFF" + struct.pack("<I", 36 + data) + b"WAVEfmt ")
        out.write(struct.pack("<IHHIIHH", 16, 1, 1, RATE, RATE * 2, 2, 16))
        out.write(b"data" + struct.pack("<I", data))
        out.write(noise)
        out.truncate(44 + data)


def write_session(path, rest):
    with open(path, "w") as out:
        out.write("attune: 1\ntitle: Long ambience\nsound: { cues: none, breath: none, voice: off, "
                  "ambience: two-hours.wav }\nsteps:\n  - rest: %s\n" % rest)


def main():
    mode, attune, folder = sys.argv[1], sys.argv[2], sys.argv[3]
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    try:
        write_wav(os.path.join(folder, "two-hours.wav"))
        session = os.path.join(folder, "session.yaml")
        env = dict(os.environ)
        if mode == "quit":
            write_session(session, "10m")
            env.update({"SDL_VIDEODRIVER": "offscreen", "SDL_AUDIODRIVER": "disk",
                        "SDL_DISKAUDIOFILE": "/dev/null", "XDG_CONFIG_HOME": os.path.join(folder, "config"),
                        "XDG_DATA_HOME": os.path.join(folder, "data")})
            command, limit = [attune, session, "--start", "--quit-after", "3"], 5.0
        else:
            write_session(session, "5s")
            command, limit = [attune, "render", session, "-o", os.path.join(folder, "out.wav")], 3.0
        started = time.monotonic()
        run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        took = time.monotonic() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
        print("%s: exit %d in %.2f s, peak RSS %.1f MB" % (mode, run.returncode, took, peak_mb))
        if run.returncode != 0:
            print(run.stdout + run.stderr)
            return 1
        if took > limit:
            print("took %.2f s, more than %.1f s" % (took, limit))
            return 1
        if mode == "render" and peak_mb > 200:
            print("peak RSS %.1f MB, more than 200 MB" % peak_mb)
            return 1
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
