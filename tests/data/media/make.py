#!/usr/bin/env python3
"""Writes the hostile audio files of tests/data/media (run once; the outputs are committed, all tiny).

Each header lies or is outside the clip limits (app/core/loader.hpp): what matters is the header, so the
files hold almost no audio. Usage: tests/data/media/make.py [FOLDER] (default: this file's folder).
"""
import os
import struct
import sys


def wav(path, rate, channels, frames, claimed=None):
    block = channels * 2
    claimed = frames if claimed is None else claimed
    data = bytes(frames * block)
    fmt = struct.pack('<IHHIIHH', 16, 1, channels, rate, (rate * block) & 0xFFFFFFFF, block, 16)
    header = b'RIFF' + struct.pack('<I', 36 + claimed * block) + b'WAVE' + b'fmt ' + fmt
    with open(path, 'wb') as f:
        f.write(header + b'data' + struct.pack('<I', claimed * block) + data)


def flac_header_only(path, rate, channels, total):
    """fLaC and a STREAMINFO block that claims `total` frames (36 bits), and no audio frames at all."""
    info = struct.pack('>HH', 4096, 4096) + bytes(6)
    packed = (rate << 44) | ((channels - 1) << 41) | (15 << 36) | total  # 16 bits per sample
    info += packed.to_bytes(8, 'big') + bytes(16)
    with open(path, 'wb') as f:
        f.write(b'fLaC' + bytes([0x80, 0, 0, len(info)]) + info)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    wav(os.path.join(folder, 'slow.wav'), 1, 1, 100)
    wav(os.path.join(folder, 'fast.wav'), 2_000_000_000, 1, 100)
    wav(os.path.join(folder, 'nine.wav'), 48000, 9, 10)
    wav(os.path.join(folder, 'none.wav'), 48000, 0, 0)
    flac_header_only(os.path.join(folder, 'huge.flac'), 48000, 1, (1 << 36) - 1)
    wav(os.path.join(folder, 'short.wav'), 48000, 1, 4800)


if __name__ == '__main__':
    main()
