#!/usr/bin/env python3
"""Checks that the app draws the user's text in any script rather than replacement glyphs.

  text_check.py drawn APP FIXTURE OUTDIR SIZE
      Takes screenshots of FIXTURE (a two-person session with Japanese, Arabic and Hebrew in its title,
      partners' names and captions) on the player at the moments its three prompts show, and on the start
      screen; and the same of a copy of FIXTURE whose every non-ASCII character is U+FFFD, the replacement
      character: the picture the app drew before it had fonts for these scripts, glyph for glyph. Each
      region that holds the text (the title, the two names, the caption band; the start screen's title)
      must differ from the replacement picture in at least MIN pixels, and the app must not report on
      stderr a codepoint no font draws.
  text_check.py missing APP FIXTURE OUTDIR SIZE EXPECTED
      The app's stderr for a screenshot of FIXTURE holds the line EXPECTED exactly (the check can fail).
Exit 0 when the check holds, else 1 with the numbers.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_check import read_png  # noqa: E402

MISSING = "no installed font draws"
MIN_DIFFERENT = 150  # pixels; one glyph at body size is about 60 changed pixels, a word several hundred


def shoot(app, fixture, png, size, extra):
    run = subprocess.run([app, fixture, "--screenshot", png, "--size", size] + extra,
                         capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        raise SystemExit(f"{app} exited {run.returncode}: {run.stderr}")
    return run.stderr


def different(a, b, box):
    width, height, channels, rows_a = a
    rows_b = b[3]
    x0, y0, x1, y1 = (float(v) for v in box.split(","))
    count = 0
    for y in range(int(y0 * height), int(y1 * height)):
        ra, rb = rows_a[y], rows_b[y]
        for x in range(int(x0 * width) * channels, int(x1 * width) * channels, channels):
            if max(abs(ra[x + k] - rb[x + k]) for k in range(3)) > 60:
                count += 1
    return count


def drawn(app, fixture, out, size):
    os.makedirs(out, exist_ok=True)
    with open(fixture, encoding="utf-8") as f:
        text = f.read()
    replaced = os.path.join(out, "replaced.yaml")
    with open(replaced, "w", encoding="utf-8") as f:
        f.write("".join(c if ord(c) < 0x80 else "\ufffd" for c in text))
    player = {"title": "0,0,0.4,0.12", "name_a": "0.15,0.14,0.4,0.28", "name_b": "0.6,0.14,0.85,0.28",
              "caption": "0.05,0.66,0.95,0.88"}
    shots = [("japanese", ["--at", "2"], player), ("arabic", ["--at", "36"], player),
             ("hebrew", ["--at", "70"], player), ("start", ["--screen", "start"], {"title": "0,0.12,0.55,0.25"})]
    ok = True
    for name, extra, boxes in shots:
        real_png = os.path.join(out, f"{name}.png")
        fake_png = os.path.join(out, f"{name}-replaced.png")
        stderr = shoot(app, fixture, real_png, size, extra)
        shoot(app, replaced, fake_png, size, extra)
        if MISSING in stderr:
            print(f"{name}: the app reports missing glyphs: {stderr.strip()}")
            ok = False
        real, fake = read_png(real_png), read_png(fake_png)
        for region, box in boxes.items():
            n = different(real, fake, box)
            print(f"{name} {region}: {n} pixels differ from the replacement glyphs")
            ok = ok and n >= MIN_DIFFERENT
    return ok


def missing(app, fixture, out, size, expected):
    os.makedirs(out, exist_ok=True)
    stderr = shoot(app, fixture, os.path.join(out, "missing.png"), size, ["--at", "2"])
    lines = stderr.splitlines()
    print("stderr:", stderr.strip())
    return expected in lines


def main(argv):
    if len(argv) == 6 and argv[1] == "drawn":
        return 0 if drawn(*argv[2:6]) else 1
    if len(argv) == 7 and argv[1] == "missing":
        return 0 if missing(*argv[2:7]) else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
