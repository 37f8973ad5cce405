#!/usr/bin/env python3
"""tests/voice/wer_check.py: how well pocketsphinx understands Attune's synthesized voice.

Speaks tests/voice/sentences.txt with attune_speak_wavs (VOICE at WPM), recognizes each WAV with
pocketsphinx_continuous (Debian's en-us model) and prints the word error rate: word-level Levenshtein
distance between what was said and what was heard, over the words said. Exits 1 when it is above --max.
Usage: wer_check.py --tool attune_speak_wavs --voice slt --wpm 125 --work DIR [--max 0.25]
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

MODEL = "/usr/share/pocketsphinx/model/en-us"


def words(text):
    return re.sub(r"[^a-z' ]", " ", text.lower()).split()


def distance(said, heard):
    row = list(range(len(heard) + 1))
    for i in range(1, len(said) + 1):
        previous, row[0] = row[:], i
        for j in range(1, len(heard) + 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (said[i - 1] != heard[j - 1]))
    return row[len(heard)]


def recognize(path):
    result = subprocess.run(
        ["pocketsphinx_continuous", "-infile", path, "-hmm", MODEL + "/en-us", "-lm", MODEL + "/en-us.lm.bin",
         "-dict", MODEL + "/cmudict-en-us.dict", "-logfn", "/dev/null"],
        capture_output=True, text=True, check=False)
    return " ".join(result.stdout.split())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--voice", required=True)
    parser.add_argument("--wpm", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--max", type=float)
    args = parser.parse_args()
    sentences = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sentences.txt")
    said = [line for line in open(sentences, encoding="utf-8").read().splitlines() if line]
    work = os.path.join(args.work, args.voice)
    os.makedirs(work, exist_ok=True)
    spoken = subprocess.run([args.tool, args.voice, args.wpm, sentences, work], capture_output=True, text=True,
                            check=False)
    sys.stdout.write(spoken.stdout)
    if spoken.returncode != 0:
        sys.stdout.write(spoken.stderr)
        return 1
    paths = [os.path.join(work, "%02d.wav" % i) for i in range(len(said))]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        heard = list(pool.map(recognize, paths))
    errors = total = 0
    for text, hypothesis in zip(said, heard):
        e = distance(words(text), words(hypothesis))
        errors += e
        total += len(words(text))
        print("%d errors: said '%s', heard '%s'" % (e, text, hypothesis))
    wer = errors / total
    print("%s at %s wpm: word error rate %.1f%% (%d of %d words)" % (args.voice, args.wpm, 100 * wer, errors, total))
    if args.max is not None and wer > args.max:
        print("above the limit of %.0f%%" % (100 * args.max))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
