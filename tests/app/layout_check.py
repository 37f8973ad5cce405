#!/usr/bin/env python3
"""Checks that the player's layout is fixed: nothing moves when a caption changes its length.

  layout_check.py pacer APP SCRIPT OUT_DIR SIZE   the pacers (one, or two side by side)
  layout_check.py gauge APP SCRIPT OUT_DIR SIZE   the PMR gauge

Reads the compiled timeline from `APP plan --json SCRIPT`, takes a screenshot at the same moment of the
same kind of phase in every step (1.0 s into an inhale, or into a PMR prepare, tense and release), and
measures the pictures by their pixels (tests/app/png_check.py): the pacer's disc (centre and radius) and
its ring, or the gauge's track and fill, must be identical to the pixel in every screenshot. The
screenshots must also show captions of different lengths, or the check would prove nothing.
Exit 0 when it holds, else 1 with the numbers.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import png_check  # noqa: E402

# The stage and the caption bands as fractions of the window (x0,y0,x1,y1): generous boxes that hold the
# pacer or gauge (and its labels) but not the title line or the captions.
STAGE = "0,0.13,1,0.64"
STAGE_HALVES = ("0,0.13,0.5,0.64", "0.5,0.13,1,0.64")
CAPTIONS = "0.05,0.66,0.95,0.90"


def plan(app, script):
    out = subprocess.run([app, "plan", "--json", script], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def moments(timeline, kinds, person="a"):
    """1.0 s into the first and the last phase of each kind in `kinds`, in every step: (label, seconds)."""
    found = {}
    for phase in timeline["phases"]:
        if phase["kind"] not in kinds or phase["person"] not in (person, "both"):
            continue
        key = (phase["step"], phase["kind"])
        found.setdefault(key, []).append(phase["start"] + 1.0)
    chosen = []
    for (step, kind), times in sorted(found.items()):
        for index, t in sorted({0: times[0], len(times) - 1: times[-1]}.items()):
            chosen.append((f"step{step}-{kind}{index + 1}", t))
    return chosen


def shoot(app, script, out_dir, size, name, seconds):
    path = os.path.join(out_dir, f"{name}.png")
    subprocess.run([app, script, "--screenshot", path, "--at", f"{seconds:.6f}", "--size", size], check=True)
    return path


def caption_pixels(image):
    return sum(1 for r, g, b in png_check.pixels(image, CAPTIONS) if max(r, g, b) > 100)


def main(argv):
    what, app, script, out_dir, size = argv[1:6]
    os.makedirs(out_dir, exist_ok=True)
    timeline = plan(app, script)
    two = timeline["people"] == 2
    kinds = ("inhale",) if what == "pacer" else ("prepare", "tense", "release")
    shots = moments(timeline, kinds)
    if len(shots) < 2:
        print(f"{script}: fewer than two moments to compare")
        return 1
    measures, texts = {}, []
    for name, seconds in shots:
        image = png_check.read_png(shoot(app, script, out_dir, size, name, seconds))
        texts.append(caption_pixels(image))
        if what == "pacer":
            boxes = STAGE_HALVES if two else (STAGE,)
            measure = [png_check.measure_pacer(image, box) for box in boxes]
        else:
            measure = png_check.measure_gauge(image, STAGE)
        kind = name.split("-")[1].rstrip("0123456789")
        measures.setdefault(kind if what == "gauge" else "pacer", []).append((name, seconds, measure))
        print(f"{name} at {seconds:.3f} s: {measure}; caption pixels {texts[-1]}")
    ok = True
    for kind, rows in measures.items():
        first = rows[0][2]
        for name, _, measure in rows[1:]:
            if what == "gauge":
                # The fill grows through tense and shrinks through release: its top, bottom and left edge
                # stay; the track stays whole.
                same = measure["track"] == first["track"] and (
                    (measure["fill"] is None) == (first["fill"] is None)) and (
                    measure["fill"] is None or measure["fill"] == first["fill"])
            else:
                same = measure == first
            if not same:
                print(f"MOVED: {name} differs from {rows[0][0]}: {measure} vs {first}")
                ok = False
    if what == "gauge":
        tracks = {str(m["track"]) for rows in measures.values() for _, _, m in rows}
        fills = {str(m["fill"]) for rows in measures.values() for _, _, m in rows if m["fill"] is not None}
        if len(tracks) != 1:
            print(f"MOVED: the gauge's track differs between phases: {sorted(tracks)}")
            ok = False
        if len(fills) != 1:
            print(f"MOVED: the gauge's fill edges differ between tense and release: {sorted(fills)}")
            ok = False
    if max(texts) < 1.5 * max(1, min(texts)):
        print(f"the captions do not differ enough in length to test anything: {texts}")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
