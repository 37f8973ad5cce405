#!/usr/bin/env python3
"""The numbers of spoken guidance, measured on the real binary (issue 8).

Each check reads `attune plan --json FILE` and, where it needs the sound, a WAV rendered by
`attune render FILE -o OUT.wav --layers voice|cues`. Standard library only.

  tense-silence     every PMR tense phase holds at least 5 s without speech (voice render)
  prompt-overlap    no two prompts for one listener overlap (plan: a hears a + both, b hears b + both)
  spoken-end        each prompt's listed spoken end is within 0.3 s of where its speech ends (voice render)
  prompt-before-breath  a breathing step's own prompt ends before the step's first breathing phase
  no-breath-twice   nobody breathes in twice or out twice across a step boundary (only holds or a lead-in
                    between)
  region-cues       body-scan region cues are at least 12 dB below step cues of the same timbre (cues render)

Exit 0 when the check passes, 1 when it fails (every failure is printed, naming the session, the person,
the times and the script lines), 2 for a usage or tool error. Every check fails when it finds nothing to
check, so that none can pass vacuously. With --expect-failure REGEX the result is inverted: the test of
the test passes only when the check fails with a message matching REGEX.
"""

import argparse
import array
import json
import math
import operator
import os
import re
import subprocess
import sys
import wave

WINDOW = 0.010  # seconds: the short window of every level measurement
SILENCE_DBFS = -50.0  # a 10 ms window below this RMS is silence
MIN_TENSE_SILENCE = 5.0  # seconds without speech in every tense phase
SPOKEN_END_TOLERANCE = 0.3  # seconds between the listed and the measured end of speech
REGION_CUE_MARGIN_DB = 12.0  # region cues at least this far below step cues
CUE_WINDOW = 0.300  # seconds after a cue over which its RMS is measured
CLEAR_DB = 10.0  # a cue is measured where the 300 ms before it peak this far below it
EPSILON = 1e-6  # one microsecond: plan times are exact to the microsecond
MOVING = ("inhale", "exhale")
# Between two breathing steps the lungs stay where they are through holds and through a lead-in (the pacer
# rests still while the step's prompt is spoken), so these do not end a sequence of breaths.
STILL = ("hold", "hold_out", "lead_in")
BREATHING = ("inhale", "hold", "exhale", "hold_out")


class ToolError(Exception):
    pass


def run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise ToolError("'%s' exited with %d:\n%s" % (" ".join(cmd), result.returncode, result.stderr))
    return result.stdout


def prepared(args, session, suffix):
    """The file that `prepare` wrote for this session in --from DIR, or None (then it is made here)."""
    if not args.from_dir:
        return None
    name = os.path.splitext(os.path.basename(session))[0]
    path = os.path.join(args.from_dir, name + suffix)
    return path if os.path.exists(path) else None


def load_plan(args, session):
    path = args.plan_json or prepared(args, session, ".plan.json")
    if path:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    return json.loads(run([args.attune, "plan", "--json", session]))


def render(args, session, layer):
    if args.wav:
        return args.wav
    path = prepared(args, session, ".%s.wav" % layer)
    if path:
        return path
    os.makedirs(args.work, exist_ok=True)
    name = os.path.splitext(os.path.basename(session))[0]
    out = os.path.join(args.work, "%s.%s.wav" % (name, layer))
    # A render made once for several checks (a ctest fixture) is reused when it is newer than the script.
    if not (os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(session) and args.reuse):
        run([args.attune, "render", session, "-o", out, "--layers", layer, "--rate", str(args.rate)])
    return out


class Sound:
    """A 16-bit stereo WAV. Levels of 10 ms windows are measured where a check asks, and kept."""

    def __init__(self, path):
        with wave.open(path, "rb") as w:
            if w.getsampwidth() != 2 or w.getnchannels() != 2:
                raise ToolError("%s: expected 16-bit stereo" % path)
            self.rate = w.getframerate()
            raw = w.readframes(w.getnframes())
        self.raw = raw
        self.all_silent = not raw.strip(b"\x00")
        self.samples = array.array("h")  # interleaved left, right
        self.samples.frombytes(raw)
        if sys.byteorder == "big":
            self.samples.byteswap()
        self.frames = len(self.samples) // 2
        self.window = max(1, int(round(WINDOW * self.rate)))
        self.windows = self.frames // self.window
        self.cache = {}
        self.silence = (32768.0 * 10 ** (SILENCE_DBFS / 20)) ** 2

    def mean_square(self, index):
        """Of window `index`, over both channels: with equal-power panning a voice has the same level
        wherever it is panned."""
        value = self.cache.get(index)
        if value is None:
            n = 2 * self.window
            part = self.samples[index * n : (index + 1) * n]
            value = self.cache[index] = sum(map(operator.mul, part, part)) / n
        return value

    def silent(self, index):
        return self.mean_square(index) < self.silence

    def last_sound(self, first, end):
        """The last window in [first, end) that is not silent, or None. Exact zeros are skipped at C speed."""
        n = 4 * self.window  # bytes per window
        while end > first:
            nonzero = len(self.raw[first * n : end * n].rstrip(b"\x00"))
            if nonzero == 0:
                return None
            i = first + (nonzero - 1) // n  # the window of the last non-zero byte
            if not self.silent(i):
                return i
            end = i
        return None

    def first_window(self, t):  # the first window that starts at or after t
        return max(0, int(math.ceil(t / WINDOW - 1e-9)))

    def end_window(self, t):  # one past the last window that ends at or before t
        return min(self.windows, int(math.floor(t / WINDOW + 1e-9)))

    def level(self, start, length):
        """(peak, rms) over both channels in [start, start + length), as linear values of full scale."""
        a = max(0, int(round(start * self.rate)))
        b = min(self.frames, int(round((start + length) * self.rate)))
        if b <= a:
            return 0.0, 0.0
        part = self.samples[2 * a : 2 * b]
        peak = max(max(part), -min(part))
        return peak / 32768.0, math.sqrt(sum(map(operator.mul, part, part)) / len(part)) / 32768.0


def db(x):
    return 20 * math.log10(x) if x > 0 else -math.inf


def quote(text, limit=48):
    text = " ".join(text.split())
    return '"%s"' % (text if len(text) <= limit else text[: limit - 3] + "...")


def listeners(plan):
    return ("a", "b") if plan.get("people", 1) == 2 else ("both",)


def hears(listener, person):
    return listener == "both" or person in (listener, "both")


def step_starts(plan):
    starts = {}
    for p in plan["phases"]:
        starts[p["step"]] = min(starts.get(p["step"], p["start"]), p["start"])
    return starts


class Report:
    def __init__(self, check):
        self.check = check
        self.failures = []
        self.checked = 0
        self.notes = []

    def fail(self, session, message):
        self.failures.append("%s: %s" % (session, message))


# ---- the checks -------------------------------------------------------------------------------------


def check_tense_silence(args, session, report):
    plan = load_plan(args, session)
    tense = [p for p in plan["phases"] if p["kind"] == "tense"]
    if not tense:
        return
    sound = Sound(render(args, session, "voice"))
    for p in tense:
        report.checked += 1
        first, end = sound.first_window(p["start"]), sound.end_window(p["end"])
        longest = run_length = 0
        for i in range(first, end):
            run_length = run_length + 1 if sound.silent(i) else 0
            longest = max(longest, run_length)
        seconds = longest * WINDOW
        # One window of quantisation is allowed at either edge of the phase.
        if seconds + 2 * WINDOW + EPSILON < MIN_TENSE_SILENCE:
            report.fail(session, "person %s, tense phase %.3f-%.3f s (line %d, %s): only %.2f s without speech, "
                        "needs %.1f s" % (p["person"], p["start"], p["end"], p["line"], quote(p["caption"]),
                                          seconds, MIN_TENSE_SILENCE))


def check_prompt_overlap(args, session, report):
    plan = load_plan(args, session)
    prompts = sorted(plan.get("prompts", []), key=lambda q: q["start"])
    for listener in listeners(plan):
        mine = [q for q in prompts if hears(listener, q["person"])]
        latest = None  # the prompt heard so far that ends last
        for q in mine:
            report.checked += 1
            if latest is not None and latest["end"] > q["start"] + EPSILON:
                report.fail(session, "listener %s: line %d %s (%.3f-%.3f s, %s) is still speaking when line %d %s "
                            "starts at %.3f s (%.3f s of overlap)" %
                            (listener, latest["line"], quote(latest["text"]), latest["start"], latest["end"],
                             latest["person"], q["line"], quote(q["text"]), q["start"], latest["end"] - q["start"]))
            if latest is None or q["end"] > latest["end"]:
                latest = q


def check_spoken_end(args, session, report):
    plan = load_plan(args, session)
    prompts = sorted([q for q in plan.get("prompts", []) if q["text"].strip()], key=lambda q: q["start"])
    if not prompts:
        return
    sound = Sound(render(args, session, "voice"))
    if sound.all_silent:
        report.notes.append("%s: the voice render is silent (voice: off?)" % session)
        return
    starts = sorted({q["start"] for q in prompts})
    for q in prompts:
        end_listed = q["end"] + args.tamper_end
        later = [s for s in starts if s > q["start"] + EPSILON]
        limit = later[0] if later else plan["duration"]
        # Every prompt still speaking in [start, limit) is heard there: the speech ends at the last of them.
        expected = max([end_listed] + [r["end"] + args.tamper_end for r in prompts
                                        if r["start"] <= q["start"] + EPSILON and r["end"] > q["start"]])
        expected = min(expected, limit)
        first, end = sound.first_window(q["start"]), sound.end_window(limit)
        last = sound.last_sound(first, end)
        report.checked += 1
        if last is None:
            report.fail(session, "person %s, line %d %s at %.3f s: no speech found before %.3f s" %
                        (q["person"], q["line"], quote(q["text"]), q["start"], limit))
            continue
        measured = (last + 1) * WINDOW
        if abs(measured - expected) > SPOKEN_END_TOLERANCE + EPSILON:
            report.fail(session, "person %s, line %d %s at %.3f s: the plan says its speech ends at %.3f s, the voice "
                        "render ends at %.3f s (%+.3f s)" % (q["person"], q["line"], quote(q["text"]), q["start"],
                                                              expected, measured, measured - expected))


def check_prompt_before_breath(args, session, report):
    plan = load_plan(args, session)
    starts = step_starts(plan)
    for step, start in sorted(starts.items()):
        phases = [p for p in plan["phases"] if p["step"] == step]
        if not any(p["kind"] in MOVING for p in phases):
            continue
        own = [q for q in plan.get("prompts", []) if q["step"] == step and
               (q.get("role") == "step" if "role" in q else abs(q["start"] - start) <= EPSILON)]
        for q in own:
            for listener in listeners(plan):
                if not hears(listener, q["person"]):
                    continue
                breaths = [p for p in phases if p["kind"] in BREATHING and hears(listener, p["person"])]
                if not breaths:
                    continue
                first = min(breaths, key=lambda p: p["start"])
                report.checked += 1
                if q["end"] > first["start"] + EPSILON:
                    report.fail(session, "person %s, step %d (line %d): its prompt %s is spoken until %.3f s, after "
                                "the first breath (%s at %.3f s) by %.3f s" %
                                (listener, step, q["line"], quote(q["text"]), q["end"], first["kind"],
                                 first["start"], q["end"] - first["start"]))


def check_no_breath_twice(args, session, report):
    plan = load_plan(args, session)
    for listener in listeners(plan):
        phases = sorted([p for p in plan["phases"] if hears(listener, p["person"])], key=lambda p: p["start"])
        last = None  # the last moving phase, with only holds after it
        for p in phases:
            if p["kind"] in MOVING:
                if last is not None and last["step"] != p["step"]:
                    report.checked += 1
                    if last["kind"] == p["kind"]:
                        report.fail(session, "person %s: %s at %.3f-%.3f s (step %d, line %d) is followed by %s at "
                                    "%.3f-%.3f s (step %d, line %d) with nothing but holds or a lead-in between" %
                                    (listener, last["kind"], last["start"], last["end"], last["step"], last["line"],
                                     p["kind"], p["start"], p["end"], p["step"], p["line"]))
                last = p
            elif p["kind"] not in STILL:
                last = None


def check_region_cues(args, session, report):
    plan = load_plan(args, session)
    starts = step_starts(plan)
    bell_steps = {p["step"] for p in plan["phases"] if p["kind"] == "bell"}
    step_times = {t for s, t in starts.items() if s not in bell_steps}
    region_times = {p["start"] for p in plan["phases"] if p["kind"] == "region"}

    def near(t, times):
        return any(abs(t - u) <= EPSILON for u in times)

    regions = [c for c in plan["cues"] if c["sound"] != "none" and
               (c.get("soft") or (near(c["time"], region_times) and not near(c["time"], step_times)))]
    steps = [c for c in plan["cues"] if c["sound"] != "none" and not c.get("soft") and near(c["time"], step_times)]
    if not regions:
        return
    if not steps:
        report.fail(session, "%d region cues but no step cue to compare them with" % len(regions))
        return
    sound = Sound(render(args, session, "cues"))

    def loudness(cue):
        """(peak, rms) of the 300 ms after the cue, and whether nothing else rings there: the 300 ms before
        peak at least CLEAR_DB lower, so that an earlier cue's tail adds at most 2.4 dB."""
        peak, rms = sound.level(cue["time"], CUE_WINDOW)
        before, _ = sound.level(cue["time"] - CUE_WINDOW, CUE_WINDOW)
        return peak, rms, db(before) <= db(peak) - CLEAR_DB

    step_levels = {}
    for c in steps:
        step_levels.setdefault(c["sound"], []).append(loudness(c))
    for c in regions:
        same = step_levels.get(c["sound"])
        if not same:
            report.notes.append("%s: no step cue sounds %s; the region cue at %.3f s is compared with all step cues"
                                % (session, c["sound"], c["time"]))
        reference = same if same else [lv for levels in step_levels.values() for lv in levels]
        # The quietest step cue that rings alone (its level is not raised by a tail), or any if none does.
        reference = [lv for lv in reference if lv[2]] or reference
        ref_peak = min(lv[0] for lv in reference)
        ref_rms = min(lv[1] for lv in reference)
        peak, rms, clear = loudness(c)
        if not clear:
            report.notes.append("%s: the region cue at %.3f s is not measured: an earlier cue still rings there" %
                                (session, c["time"]))
            continue
        report.checked += 1
        for what, level, ref in (("peak", peak, ref_peak), ("RMS over 300 ms", rms, ref_rms)):
            if db(level) > db(ref) - REGION_CUE_MARGIN_DB:
                report.fail(session, "person %s, region cue (%s) at %.3f s: %s %.1f dBFS, only %.1f dB below the "
                            "quietest step cue (%.1f dBFS); needs %.0f dB" %
                            (c["person"], c["sound"], c["time"], what, db(level), db(ref) - db(level), db(ref),
                             REGION_CUE_MARGIN_DB))


def prepare(args, session, report):
    """Writes NAME.plan.json and NAME.voice.wav (and NAME.cues.wav with --cues) into --work, once, for the
    checks that read them with --from."""
    os.makedirs(args.work, exist_ok=True)
    name = os.path.splitext(os.path.basename(session))[0]
    text = run([args.attune, "plan", "--json", session])
    with open(os.path.join(args.work, name + ".plan.json"), "w", encoding="utf-8") as f:
        f.write(text)
    for layer in ["voice"] + (["cues"] if args.cues else []):
        out = os.path.join(args.work, "%s.%s.wav" % (name, layer))
        run([args.attune, "render", session, "-o", out, "--layers", layer, "--rate", str(args.rate)])
    report.checked += 1


CHECKS = {
    "prepare": (prepare, "sessions prepared"),
    "tense-silence": (check_tense_silence, "PMR tense phases"),
    "prompt-overlap": (check_prompt_overlap, "prompts"),
    "spoken-end": (check_spoken_end, "spoken prompts"),
    "prompt-before-breath": (check_prompt_before_breath, "breathing steps with their own prompt"),
    "no-breath-twice": (check_no_breath_twice, "breaths across a step boundary"),
    "region-cues": (check_region_cues, "region cues"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", choices=sorted(CHECKS))
    parser.add_argument("sessions", nargs="+", help="session scripts")
    parser.add_argument("--attune", default="attune", help="the attune binary")
    parser.add_argument("--work", default=".", help="where renders are written")
    parser.add_argument("--rate", type=int, default=16000, help="render sample rate")
    parser.add_argument("--cues", action="store_true", help="prepare: also render the cue layer")
    parser.add_argument("--reuse", action="store_true", help="reuse a render newer than its script")
    parser.add_argument("--plan-json", help="read this plan instead of running attune plan (one session)")
    parser.add_argument("--wav", help="analyse this WAV instead of rendering (one session)")
    parser.add_argument("--from", dest="from_dir", metavar="DIR",
                        help="read NAME.plan.json and NAME.LAYER.wav from DIR (written by `prepare`)")
    parser.add_argument("--tamper-end", type=float, default=0.0,
                        help="test of the test: move every listed spoken end by this many seconds")
    parser.add_argument("--expect-failure", metavar="REGEX",
                        help="test of the test: pass only when the check fails with a matching message")
    args = parser.parse_args()
    function, things = CHECKS[args.check]
    report = Report(args.check)
    errors = 0
    for session in args.sessions:
        try:
            function(args, session, report)
        except (ToolError, OSError, KeyError, ValueError) as error:
            # One broken script is reported and the others are still checked.
            print("%s: %s: error: %s" % (args.check, session, error), file=sys.stderr)
            errors += 1
    for note in report.notes:
        print("note: " + note)
    if report.checked == 0:
        report.failures.append("%s: found no %s to check" % (", ".join(args.sessions), things))
    for failure in report.failures:
        print("FAIL %s: %s" % (args.check, failure))
    names = ", ".join(os.path.basename(s) for s in args.sessions)
    if len(args.sessions) > 3:
        names = "%d files" % len(args.sessions)
    if not report.failures:
        print("%s %s: %d %s checked in %s%s" % ("ok" if not errors else "error", args.check, report.checked, things,
                                               names, "" if not errors else ", %d files could not be read" % errors))
    if args.expect_failure and not errors:
        if any(re.search(args.expect_failure, f) for f in report.failures):
            print("ok: the check caught it (expected failure matching %r)" % args.expect_failure)
            return 0
        print("FAIL: expected the check to fail with a message matching %r" % args.expect_failure)
        return 1
    if errors:
        return 2
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
