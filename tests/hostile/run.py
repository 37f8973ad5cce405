#!/usr/bin/env python3
"""Runs the hostile-input suite (tests/hostile/manifest.yaml) against the real `attune` binary.

Every fixture is built afresh for each run in a private temporary folder (the script, its media, and a
private HOME / XDG_CONFIG_HOME / XDG_DATA_HOME / XDG_CACHE_HOME), then each of its modes runs the binary with
a wall-clock limit. A run fails when it crashes (ends on a signal), runs past the limit, grows past the
memory limit (peak RSS of the attune process itself, from wait4), exits with a code the fixture does not
allow, or its output misses a required text or holds a forbidden one. Exit code: 0 when every run passed
(or failed as listed in --known-failing), 1 otherwise, 2 for a usage error.

Only the standard library and Debian's python3-yaml. See docs/hostile-input.md.
"""
import argparse
import concurrent.futures
import fnmatch
import glob
import os
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ("check", "plan", "render", "app", "history")
# Never seen in any output, whatever the input: a raw escape byte (terminal control), an uncaught exception
# or a sanitizer's report.
GLOBAL_NOT_CONTAINS = ["\x1b", "terminate called", "AddressSanitizer", "runtime error:", "Segmentation fault"]
# Nor an empty message: "attune: " and nothing after it tells the user nothing.
GLOBAL_NOT_MATCHES = [r"^attune:\s*$"]
GUARD_RSS_MB = 1500  # a runaway run is killed here, so the suite itself never starves the machine


# ---------------------------------------------------------------------------------------------------------
# File recipes: what a fixture's `files:` (and `home:`) entries may say.

def wav_header(rate, channels, bits, data_bytes, fmt_tag=1, riff_size=None):
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", fmt_tag, channels, rate & 0xFFFFFFFF, (rate * block) & 0xFFFFFFFF,
                      block & 0xFFFF, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", data_bytes & 0xFFFFFFFF)
    size = riff_size if riff_size is not None else min(0xFFFFFFFF, len(body) + data_bytes)
    return b"RIFF" + struct.pack("<I", size) + body


def rf64_header(rate, channels, bits, frames):
    """An RF64 (64-bit WAV) header whose ds64 chunk claims `frames` frames."""
    block = channels * bits // 8
    data_bytes = frames * block
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * block, block, bits)
    ds64 = struct.pack("<QQQI", data_bytes + 80, data_bytes, frames, 0)
    return (b"RF64" + struct.pack("<I", 0xFFFFFFFF) + b"WAVE" + b"ds64" + struct.pack("<I", len(ds64)) + ds64 +
            b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", 0xFFFFFFFF))


def flac_header(rate, channels, bits, total_samples):
    """fLaC + a STREAMINFO block claiming `total_samples` (36 bits), and no audio frames."""
    bits_field = (rate << 44) | ((channels - 1) << 41) | ((bits - 1) << 36) | (total_samples & ((1 << 36) - 1))
    info = struct.pack(">HH", 4096, 4096) + (0).to_bytes(3, "big") + (0).to_bytes(3, "big")
    info += bits_field.to_bytes(8, "big") + bytes(16)
    return b"fLaC" + bytes([0x80]) + len(info).to_bytes(3, "big") + info


def tone_samples(seconds, rate):
    import math
    n = int(seconds * rate)
    return b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(n))


def make_history(path, spec):
    """A SQLite history: `schema_version` and practice rows as Attune writes them, then damaged as told."""
    db = sqlite3.connect(path)
    if spec.get("schema", True):
        db.executescript(
            "CREATE TABLE schema_version (version INTEGER NOT NULL);"
            "CREATE TABLE practice (id INTEGER PRIMARY KEY, title TEXT NOT NULL, file TEXT NOT NULL,"
            " script_hash TEXT NOT NULL, people INTEGER NOT NULL, name_a TEXT NOT NULL, name_b TEXT NOT NULL,"
            " start_utc_us INTEGER NOT NULL, start_local TEXT NOT NULL, planned_us INTEGER NOT NULL,"
            " actual_us INTEGER NOT NULL DEFAULT 0, reached_step INTEGER NOT NULL DEFAULT 0,"
            " reached_us INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL CHECK (state IN ('playing', 'completed',"
            " 'stopped', 'interrupted')), updated_utc_us INTEGER NOT NULL, writer_pid INTEGER NOT NULL DEFAULT 0);"
            "CREATE INDEX practice_by_start ON practice (start_utc_us, id);")
        db.execute("INSERT INTO schema_version VALUES (?)", (spec.get("version", 2),))
        now = int(time.time() * 1e6)
        for i in range(spec.get("rows", 20)):
            title = spec.get("title", "Box breathing")
            db.execute("INSERT INTO practice (title, file, script_hash, people, name_a, name_b, start_utc_us,"
                       " start_local, planned_us, actual_us, reached_step, reached_us, state, updated_utc_us)"
                       " VALUES (?, ?, 'abc', 1, 'A', 'B', ?, '2026-12-01 08:00', 300000000, 300000000, 3,"
                       " 300000000, 'completed', ?)",
                       (title, "/sessions/box.yaml", now - (i + 1) * 86400 * 1000000, now))
        db.commit()
    db.close()
    if "damage_at" in spec:  # overwrite bytes inside a page (not the header): a damaged row or b-tree page
        with open(path, "r+b") as f:
            f.seek(spec["damage_at"])
            f.write(bytes([0xA5]) * spec.get("damage_bytes", 64))


def file_mode(value):
    """0o555, 0555 or 365: YAML 1.1 reads '0o555' as text."""
    if isinstance(value, str):
        return int(value[2:] if value.startswith("0o") else value, 8)
    return value


def make_file(path, spec, fixture):
    """Creates `path` from a recipe. A plain string is the file's text."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    if isinstance(spec, str):
        spec = {"text": spec}
    kind = [k for k in spec if k not in ("mode",)]
    if not kind:
        raise ValueError(f"{fixture}: empty file recipe for {path}")
    kind = kind[0]
    value = spec[kind]
    if kind == "text":
        data = value.encode("utf-8", "surrogateescape")
        with open(path, "wb") as f:
            f.write(data)
    elif kind == "hex":
        with open(path, "wb") as f:
            f.write(bytes.fromhex(value.replace(" ", "")))
    elif kind == "bytes":  # a string whose every character (U+0000..U+00FF) is one byte
        with open(path, "wb") as f:
            f.write(value.encode("latin-1"))
    elif kind == "wav":  # a header with the given claims and `data` bytes of audio actually present
        claimed = value.get("frames", 48000) * value.get("channels", 1) * value.get("bits", 16) // 8
        present = value.get("data", claimed)
        header = wav_header(value.get("rate", 48000), value.get("channels", 1), value.get("bits", 16),
                            value.get("data_bytes", claimed), value.get("format", 1))
        with open(path, "wb") as f:
            f.write(header)
            f.write(bytes(min(present, 1 << 20)))
            if present > (1 << 20):  # the rest is a hole: the file is large but costs nothing to make
                f.truncate(len(header) + present)
    elif kind == "tone":  # a real, valid 16-bit mono tone of `seconds`
        rate = value.get("rate", 16000)
        samples = tone_samples(value["seconds"], rate)
        with open(path, "wb") as f:
            f.write(wav_header(rate, 1, 16, len(samples)))
            f.write(samples)
    elif kind == "rf64":
        with open(path, "wb") as f:
            f.write(rf64_header(value.get("rate", 48000), value.get("channels", 2), value.get("bits", 16),
                                value["frames"]))
            f.write(bytes(4096))
    elif kind == "flac":
        with open(path, "wb") as f:
            f.write(flac_header(value.get("rate", 48000), value.get("channels", 2), value.get("bits", 16),
                                value["samples"]))
    elif kind == "sparse":  # `prefix` text, then a hole up to `size` bytes
        with open(path, "wb") as f:
            f.write(value.get("prefix", "").encode())
            f.truncate(value["size"])
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dir":
        os.makedirs(path, exist_ok=True)
    elif kind == "symlink":
        os.symlink(value, path)
    elif kind == "history":
        make_history(path, value or {})
    elif kind == "script":
        with open(path, "wb") as f:
            f.write(generate_script(value).encode("utf-8", "surrogateescape"))
    else:
        raise ValueError(f"{fixture}: unknown file recipe '{kind}' for {path}")
    if "mode" in spec:
        os.chmod(path, file_mode(spec["mode"]))


# ---------------------------------------------------------------------------------------------------------
# Script generators: scripts too big or too repetitive to write out in the manifest.

def generate_script(spec):
    kind = spec["kind"]
    head = "attune: 1\ntitle: Generated\n"
    if kind == "prompts":  # n say steps, each a distinct sentence (no speech cache can share them)
        words = spec.get("words", 2)
        lines = [head + "sound: { voice: %s }\nsteps:\n" % spec.get("voice", "auto")]
        for i in range(spec["n"]):
            text = " ".join(["Breathe"] + ["gently"] * (words - 2) + [f"number {i + 1}."])
            lines.append(f"  - say: \"{text}\"\n    for: {spec.get('for', '1s')}\n")
        return "".join(lines)
    if kind == "region_prompts":  # one body scan with n regions, each with its own prompt
        lines = [head + "steps:\n  - body_scan:\n      each: %s\n      regions:\n" % spec.get("each", "2s")]
        for i in range(spec["n"]):
            lines.append(f"        - {{ region: region {i + 1}, say: \"Now region number {i + 1}.\" }}\n")
        return "".join(lines)
    if kind == "brackets":
        return spec.get("prefix", "") + "[" * spec["n"]
    if kind == "deep_map":
        return "".join(" " * i + "k:\n" for i in range(spec["n"]))
    if kind == "laughs":  # billion laughs: each level a list of ten aliases of the level below
        yaml_text = head + "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in range(1, spec["levels"]):
            yaml_text += f"x-{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
        return yaml_text + f"tags: *a{spec['levels'] - 1}\nsteps: [{{rest: 1}}]\n"
    if kind == "step_laughs":  # the bomb through steps: each block uses the one below ten times
        yaml_text = head + "blocks:\n  b0: &b0 [{rest: 1}]\n"
        for i in range(1, spec["levels"]):
            yaml_text += f"  b{i}: &b{i} [" + ", ".join([f"{{use: b{i - 1}}}"] * 10) + "]\n"
        return yaml_text + f"steps: [{{use: b{spec['levels'] - 1}}}]\n"
    if kind == "big_caption":
        return head + "steps:\n  - say: \"" + "ab " * (spec["bytes"] // 3) + "\"\n    for: 5s\n"
    if kind == "nested_repeats":  # depth repeats of `count` around one rest
        yaml_text, indent = head + "steps:\n", "  "
        for _ in range(spec["depth"]):
            yaml_text += f"{indent}- repeat: {spec['count']}\n{indent}  steps:\n"
            indent += "    "
        return yaml_text + f"{indent}- rest: {spec.get('rest', '1s')}\n"
    if kind == "long_text":  # every text field at the 2,000-character limit
        text = ("Long words " * spec["n"])[: spec["n"]]
        return (f"attune: 1\ntitle: \"{text}\"\nsummary: \"{text}\"\ntags: [\"{text}\"]\nsteps:\n"
                f"  - say: \"{text}\"\n    note: \"{text}\"\n    title: \"{text}\"\n    for: 5s\n"
                f"  - breathe: 4-6\n    cycles: 1\n    labels: {{ inhale: \"{text}\" }}\n"
                f"  - body_scan:\n      each: 3s\n      regions: [\"{text}\"]\n")
    if kind == "many_steps":
        return head + "steps:\n" + "".join("  - rest: 1s\n" for _ in range(spec["n"]))
    raise ValueError(f"unknown script generator '{kind}'")


# ---------------------------------------------------------------------------------------------------------
# Running one mode of one fixture.

class Xvfb:
    """One X server for the whole suite; app runs get its DISPLAY and attune is measured directly."""

    def __init__(self):
        self.proc = None
        self.display = None

    def start(self):
        read_fd, write_fd = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x720x24",
                                      "-nolisten", "tcp"], pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(write_fd)
        data = b""
        deadline = time.time() + 15
        while not data.endswith(b"\n") and time.time() < deadline:
            chunk = os.read(read_fd, 64)
            if not chunk:
                break
            data += chunk
        os.close(read_fd)
        if not data.strip():
            raise RuntimeError("Xvfb did not start")
        self.display = ":" + data.decode().strip()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


TIME = "/usr/bin/time"  # GNU time: a small C parent, so the peak it reports is attune's own


def high_water_mb(pid):
    """VmHWM, the peak RSS of pid's current program (0 if gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def child_of(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = f.read().split()
        return int(children[0]) if children else None
    except OSError:
        return None


def run_measured(argv, cwd, env, timeout, stdout_path, stderr_path, demote, rss_path):
    """Runs argv; returns (status, exit_code_or_signal, seconds, peak_rss_mb). status: exit|signal|timeout|guard.

    The peak RSS is attune's alone. wait4's ru_maxrss of a child forked from this Python process would count
    the Python image it was forked from (Linux keeps the pre-exec peak), so attune runs under GNU time, a
    small C parent, whose report is the peak; while it runs, VmHWM is sampled for the memory guard (and as
    the measure where GNU time is missing, or the run is killed)."""
    demoted = {"user": 65534, "group": 65534, "extra_groups": []} if demote else {}
    use_time = os.access(TIME, os.X_OK)
    full = [TIME, "-f", "%M", "-o", rss_path] + argv if use_time else argv
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        started = time.monotonic()
        proc = subprocess.Popen(full, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True, **demoted)
    status, code, sampled, target = None, None, 0.0, None if use_time else proc.pid
    while True:
        pid, wait_status, _ = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            break
        elapsed = time.monotonic() - started
        if target is None:
            target = child_of(proc.pid)
        if target is not None:
            sampled = max(sampled, high_water_mb(target))
        if status is None and elapsed > timeout:
            status = "timeout"
        elif status is None and sampled > GUARD_RSS_MB:
            status = "guard"
        if status in ("timeout", "guard"):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
            pid, wait_status, _ = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01 if elapsed < 1 else 0.03)
    proc.returncode = 0  # reaped here; keep Popen from waiting again
    seconds = time.monotonic() - started
    peak = sampled
    if status is None:
        if os.WIFSIGNALED(wait_status):
            status, code = "signal", os.WTERMSIG(wait_status)
        else:
            status, code = "exit", os.WEXITSTATUS(wait_status)
        if use_time:  # "Command terminated by signal N" / "Command exited with non-zero status N", then %M
            try:
                with open(rss_path) as f:
                    report = f.read().split("\n")
            except OSError:
                report = []
            for line in report:
                line = line.strip()
                if line.startswith("Command terminated by signal"):
                    status, code = "signal", int(line.split()[-1])
                elif line.isdigit():
                    peak = max(peak, int(line) / 1024.0)
    try:  # anything it left running (a forked helper) goes too
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    return status, code, seconds, peak


def expand(text, ctx):
    return text.replace("{script}", ctx["script"]).replace("{work}", ctx["work"])


def mode_argv(binary, mode, fixture, ctx, quit_after):
    custom = (fixture.get("argv") or {}).get(mode)
    if custom is not None:
        return [binary] + [expand(a, ctx) for a in custom]
    script = ctx["script"]
    if mode == "check":
        return [binary, "check", script]
    if mode == "plan":
        return [binary, "plan", script]
    if mode == "render":
        return [binary, "render", script, "-o", os.path.join(ctx["root"], "out.wav")]
    if mode == "app":
        return [binary, script, "--start", "--quit-after", str(quit_after), "--size", "640x360"]
    if mode == "history":
        return [binary, "history"]
    raise ValueError(mode)


def expectation(fixture, mode, defaults):
    exp = dict(defaults.get("expect", {}))
    exp.update(fixture.get("expect", {}))
    exp.update((fixture.get("expect_by_mode") or {}).get(mode, {}))
    return exp


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def run_one(args, manifest, fixture, mode, xvfb, scratch):
    defaults = manifest.get("defaults", {})
    name = fixture["name"]
    root = tempfile.mkdtemp(prefix=re.sub(r"[^A-Za-z0-9]+", "-", name) + f".{mode}.", dir=scratch)
    work = os.path.join(root, "work")
    dirs = {d: os.path.join(root, d) for d in ("config", "data", "cache", "home")}
    for d in [work] + list(dirs.values()):
        os.makedirs(d)
    script_name = fixture.get("script_name", "session.yaml")
    ctx = {"root": root, "work": work, "script": script_name}
    demote = bool(fixture.get("unprivileged")) and os.geteuid() == 0
    try:
        if args.seed_cache and not fixture.get("cold_cache"):
            shutil.rmtree(dirs["cache"])
            shutil.copytree(args.seed_cache, dirs["cache"], symlinks=True)
        if "script" in fixture:
            make_file(os.path.join(work, script_name), fixture["script"], name)
        for rel, spec in (fixture.get("files") or {}).items():
            make_file(os.path.join(work, rel), spec, name)
        for rel, spec in (fixture.get("home") or {}).items():  # config/..., data/..., cache/..., home/...
            make_file(os.path.join(root, rel), spec, name)
        if demote:
            for base, subdirs, files in os.walk(root):
                for entry in [base] + [os.path.join(base, x) for x in subdirs + files]:
                    os.lchown(entry, 65534, 65534)
        for rel, mode_bits in (fixture.get("chmod") or {}).items():  # after the files: folders made read-only
            os.chmod(os.path.join(root, rel), file_mode(mode_bits))
        env = {
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": dirs["home"],
            "XDG_CONFIG_HOME": dirs["config"], "XDG_DATA_HOME": dirs["data"], "XDG_CACHE_HOME": dirs["cache"],
            "SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": "/dev/null",
        }
        if xvfb is not None:
            env["DISPLAY"] = xvfb.display
        else:
            env["SDL_VIDEODRIVER"] = "offscreen"
        argv = mode_argv(args.demoted_binary if demote else args.binary, mode, fixture, ctx, args.quit_after)
        timeout = fixture.get("timeout", defaults.get("timeout", 20))
        out_path, err_path = os.path.join(root, "stdout"), os.path.join(root, "stderr")
        status, code, seconds, peak = run_measured(argv, work, env, timeout, out_path, err_path, demote,
                                                   os.path.join(root, "rss"))
        with open(out_path, "rb") as f:
            out = f.read(4 << 20).decode("utf-8", "replace")
        with open(err_path, "rb") as f:
            err = f.read(4 << 20).decode("utf-8", "replace")
        problems = []
        exp = expectation(fixture, mode, defaults)
        max_rss = exp.get("max_rss_mb", defaults.get("max_rss_mb", 300))
        max_seconds = timeout
        if status == "signal":
            problems.append(f"CRASH: killed by signal {code} ({signal.Signals(code).name})")
        elif status == "timeout":
            problems.append(f"TIMEOUT: still running after {timeout} s")
        elif status == "guard":
            problems.append(f"MEMORY: killed at {GUARD_RSS_MB} MB RSS")
        else:
            allowed = as_list(exp.get("exit", [0]))
            if code not in allowed:
                problems.append(f"exit {code}, expected {'/'.join(map(str, allowed))}")
        if peak > max_rss:
            problems.append(f"MEMORY: peak RSS {peak:.0f} MB > {max_rss} MB")
        if seconds > max_seconds and status != "timeout":
            problems.append(f"SLOW: {seconds:.1f} s > {max_seconds} s")
        both = out + err
        if status == "exit":
            for text in as_list(exp.get("contains")):
                if expand(text, ctx) not in both:
                    problems.append(f"output lacks {expand(text, ctx)!r}")
            for pattern in as_list(exp.get("matches")):
                if not re.search(expand(pattern, ctx), both, re.M):
                    problems.append(f"output does not match /{expand(pattern, ctx)}/")
        for text in GLOBAL_NOT_CONTAINS + as_list(exp.get("not_contains")):
            where = [s for s, t in (("stdout", out), ("stderr", err)) if text in t]
            if where:
                problems.append(f"{'/'.join(where)} holds {text!r}")
        for pattern in GLOBAL_NOT_MATCHES:
            if re.search(pattern, both, re.M):
                problems.append(f"output has an empty message (/{pattern}/)")
        for pattern in as_list(exp.get("files_exist")):  # relative to the run folder, globs allowed
            if not glob.glob(os.path.join(root, pattern)):
                problems.append(f"no file {pattern} afterwards")
        for pattern in as_list(exp.get("files_absent")):
            if glob.glob(os.path.join(root, pattern)):
                problems.append(f"file {pattern} exists afterwards")
        return {"fixture": name, "mode": mode, "status": status, "code": code, "seconds": seconds,
                "rss": peak, "problems": problems, "out": out, "err": err, "argv": argv}
    finally:
        if not args.keep:
            for base, subdirs, _ in os.walk(root):  # undo read-only folders so the tree can be removed
                for d in [base] + [os.path.join(base, s) for s in subdirs]:
                    try:
                        if not os.path.islink(d):
                            os.chmod(d, 0o755)
                    except OSError:
                        pass
            shutil.rmtree(root, ignore_errors=True)


def warm_cache(args, xvfb, scratch):
    """One app start fills a cache (speech lengths of the built-in library, Mesa's shaders) that every run
    gets a copy of, so each run pays for its own hostile input rather than for the first start. The first
    start itself is the fixture app/cold-cache."""
    root = os.path.join(scratch, "seed")
    for d in ("cache", "config", "data", "home"):
        os.makedirs(os.path.join(root, d))
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": os.path.join(root, "home"),
           "XDG_CONFIG_HOME": os.path.join(root, "config"), "XDG_DATA_HOME": os.path.join(root, "data"),
           "XDG_CACHE_HOME": os.path.join(root, "cache"), "SDL_AUDIODRIVER": "dummy"}
    if xvfb is not None:
        env["DISPLAY"] = xvfb.display
    else:
        env["SDL_VIDEODRIVER"] = "offscreen"
    started = time.monotonic()
    subprocess.run([args.binary, "--quit-after", "0.5", "--size", "640x360"], env=env, cwd=root,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    print(f"(cache warmed by one app start in {time.monotonic() - started:.1f} s)", flush=True)
    return os.path.join(root, "cache")


def excerpt(text, limit=6, width=200):
    lines = [line for line in text.splitlines() if line.strip()]
    shown = [ascii(line[:width])[1:-1] if any(ord(c) < 32 or c == "\x7f" for c in line) else line[:width]
             for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"... ({len(lines) - limit} more lines)")
    return shown


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", help="the attune binary")
    parser.add_argument("--manifest", default=os.path.join(HERE, "manifest.yaml"))
    parser.add_argument("-j", "--jobs", type=int, default=2, help="parallel check/plan/render/history runs")
    parser.add_argument("--app-jobs", type=int, default=3,
                        help="parallel app runs (they mostly wait out --quit-after; default 3)")
    parser.add_argument("--only", action="append", default=[], help="fixture name glob (repeatable)")
    parser.add_argument("--mode", action="append", default=[], choices=MODES, help="only these modes")
    parser.add_argument("--known-failing", help="file of 'fixture' or 'fixture mode' lines that may fail")
    parser.add_argument("--write-known-failing", metavar="FILE",
                        help="write the runs that failed to FILE, in the --known-failing format")
    parser.add_argument("--quit-after", type=float, default=3, help="seconds each app run plays (default 3)")
    parser.add_argument("--video", choices=("xvfb", "offscreen", "auto"), default="auto")
    parser.add_argument("--cold-cache", action="store_true",
                        help="give every run an empty cache (the first start's speech synthesis each time)")
    parser.add_argument("--keep", action="store_true", help="keep the run folders (printed)")
    parser.add_argument("--list", action="store_true", help="list the fixtures and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the output of passing runs too")
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    if not os.access(args.binary, os.X_OK):
        parser.error(f"not an executable: {args.binary}")
    with open(args.manifest) as f:
        manifest = yaml.safe_load(f)
    fixtures = manifest["fixtures"]
    names = [fx["name"] for fx in fixtures]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        parser.error(f"duplicate fixture names: {', '.join(duplicates)}")
    if args.list:
        for fx in fixtures:
            print(f"{fx['name']:40} {','.join(fx.get('modes', manifest['defaults']['modes'])):28} {fx.get('why', '')}")
        return 0
    known = set()
    if args.known_failing:
        with open(args.known_failing) as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    known.add(tuple(line.split()))
    runs = []
    for fx in fixtures:
        if args.only and not any(fnmatch.fnmatch(fx["name"], p) for p in args.only):
            continue
        for mode in fx.get("modes", manifest["defaults"]["modes"]):
            if args.mode and mode not in args.mode:
                continue
            runs.append((fx, mode))
    xvfb = None
    if any(mode == "app" for _, mode in runs):
        if args.video == "xvfb" or (args.video == "auto" and shutil.which("Xvfb")):
            xvfb = Xvfb()
            xvfb.start()
    scratch = tempfile.mkdtemp(prefix="attune-hostile-")
    os.chmod(scratch, 0o755)  # unprivileged runs must reach their folders
    # ... and their binary: a build inside a private folder (a fresh clone under mktemp -d is 0700) is out of
    # nobody's reach, so unprivileged runs use a copy beside their folders.
    args.demoted_binary = args.binary
    if os.geteuid() == 0:
        args.demoted_binary = os.path.join(scratch, "attune")
        shutil.copy2(args.binary, args.demoted_binary)
        os.chmod(args.demoted_binary, 0o755)
    args.seed_cache = None
    if not args.cold_cache and any(mode in ("app", "plan", "render") for _, mode in runs):
        args.seed_cache = warm_cache(args, xvfb, scratch)
    lock = threading.Lock()
    results = []
    started = time.monotonic()

    def report(result):
        fx, mode = result["fixture"], result["mode"]
        listed = (fx,) in known or (fx, mode) in known
        result["known"] = listed
        if result["problems"]:
            tag = "XFAIL" if listed else "FAIL "
        else:
            tag = "XPASS" if listed else "ok   "
        code = result["code"] if result["status"] == "exit" else result["status"]
        with lock:
            print(f"{tag} {fx:38} {mode:7} exit={code!s:7} {result['seconds']:6.2f} s {result['rss']:7.1f} MB"
                  + ("  " + "; ".join(result["problems"]) if result["problems"] else ""), flush=True)
            if result["problems"] or args.verbose:
                for line in excerpt(result["out"]):
                    print(f"        out| {line}")
                for line in excerpt(result["err"]):
                    print(f"        err| {line}")
            results.append(result)

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool, \
                concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.app_jobs)) as app_pool:
            def guarded(fx, mode):
                try:
                    return run_one(args, manifest, fx, mode, xvfb, scratch)
                except Exception as error:  # a broken recipe is the suite's bug: report it as a failed run
                    return {"fixture": fx["name"], "mode": mode, "status": "harness", "code": None, "seconds": 0.0,
                            "rss": 0.0, "problems": [f"HARNESS: {type(error).__name__}: {error}"], "out": "",
                            "err": "", "argv": []}
            futures = [(app_pool if mode == "app" else pool).submit(guarded, fx, mode)
                       for fx, mode in runs if not fx.get("alone")]
            for future in concurrent.futures.as_completed(futures):
                report(future.result())
        # The heaviest fixtures (`alone: true`: thousands of prompts to synthesize) run one at a time once
        # the others are done, so their time is their own and not the suite's scheduling on two cores.
        for fx, mode in runs:
            if fx.get("alone"):
                report(guarded(fx, mode))
    finally:
        if xvfb:
            xvfb.stop()
        if args.keep:
            print(f"run folders kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    failed = [r for r in results if r["problems"]]
    unexpected = [r for r in failed if not r["known"]]
    crashes = [r for r in results if r["status"] == "signal"]
    timeouts = [r for r in results if r["status"] == "timeout"]
    over = [r for r in results if r["rss"] > 300 or r["status"] == "guard"]
    worst_rss = max(results, key=lambda r: r["rss"]) if results else None
    worst_time = max(results, key=lambda r: r["seconds"]) if results else None
    print()
    print(f"hostile: {len({r['fixture'] for r in results})} fixtures, {len(results)} runs in "
          f"{time.monotonic() - started:.0f} s: {len(results) - len(failed)} passed, {len(failed)} failed "
          f"({len(failed) - len(unexpected)} known), {len(crashes)} crashes, {len(timeouts)} timeouts, "
          f"{len(over)} over 300 MB")
    if worst_rss:
        print(f"worst peak RSS: {worst_rss['rss']:.1f} MB ({worst_rss['fixture']} {worst_rss['mode']})")
        print(f"worst time:     {worst_time['seconds']:.2f} s ({worst_time['fixture']} {worst_time['mode']})")
    print(f"{'mode':8} {'runs':>5} {'failed':>6} {'crashes':>7} {'timeouts':>8}  {'worst peak RSS':32}  worst time")
    for mode in MODES:
        rs = [r for r in results if r["mode"] == mode]
        if not rs:
            continue
        top_rss = max(rs, key=lambda r: r["rss"])
        top_time = max(rs, key=lambda r: r["seconds"])
        print(f"{mode:8} {len(rs):5} {sum(1 for r in rs if r['problems']):6} "
              f"{sum(1 for r in rs if r['status'] == 'signal'):7} {sum(1 for r in rs if r['status'] == 'timeout'):8}  "
              f"{top_rss['rss']:6.1f} MB {top_rss['fixture']:22}  {top_time['seconds']:5.2f} s {top_time['fixture']}")
    for r in failed:
        print(f"  {'known ' if r['known'] else ''}FAIL {r['fixture']} {r['mode']}: {'; '.join(r['problems'])}")
    for r in results:
        if r["known"] and not r["problems"]:
            print(f"  now passes (remove from the known-failing list): {r['fixture']} {r['mode']}")
    if args.write_known_failing:
        with open(args.write_known_failing, "w") as f:
            f.write("# Runs of tests/hostile/manifest.yaml that fail because their defect is not fixed yet, one\n"
                    "# 'FIXTURE MODE' (or 'FIXTURE' for every mode) a line. hostile.suite lets them fail and says\n"
                    "# 'now passes' for each that passes: delete that line. Written by run.py --write-known-failing.\n")
            for r in sorted(failed, key=lambda r: (r["fixture"], MODES.index(r["mode"]))):
                f.write(f"{r['fixture']} {r['mode']}  # {'; '.join(r['problems'])}\n")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
