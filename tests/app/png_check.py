#!/usr/bin/env python3
"""Checks Attune screenshots by their pixels (no packages beyond the standard library: PNG via zlib).

  png_check.py size PNG W H                      the image is W x H
  png_check.py grows SMALL.png LARGE.png BOX     more saturated (pacer) pixels in BOX of LARGE than of SMALL
  png_check.py differ PNG BOX_A BOX_B            the saturated pixel counts in the two boxes differ by >= 15 %
  png_check.py text PNG BOX MIN                  at least MIN bright text pixels in BOX
  png_check.py red PNG BOX MIN                   at least MIN red (error text) pixels in BOX
BOX is x0,y0,x1,y1 as fractions of the image (0..1). Exit 0 when the check holds, else 1 with the numbers.
"""
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, width, height, channels, idat = 8, 0, 0, 0, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            channels = {2: 3, 6: 4, 0: 1, 4: 2}[colour]
            if depth != 8 or interlace != 0:
                raise SystemExit(f"{path}: only 8-bit non-interlaced PNGs are supported")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def pixels(image, box):
    width, height, channels, rows = image
    x0, y0, x1, y1 = (float(v) for v in box.split(","))
    for y in range(int(y0 * height), int(y1 * height)):
        row = rows[y]
        for x in range(int(x0 * width), int(x1 * width)):
            yield row[x * channels], row[x * channels + 1], row[x * channels + 2]


def saturated(image, box):
    return sum(1 for r, g, b in pixels(image, box) if max(r, g, b) - min(r, g, b) > 40)


def main(argv):
    check = argv[1]
    if check == "size":
        image = read_png(argv[2])
        ok = image[0] == int(argv[3]) and image[1] == int(argv[4])
        print(f"size {image[0]}x{image[1]}")
    elif check == "grows":
        small, large = saturated(read_png(argv[2]), argv[4]), saturated(read_png(argv[3]), argv[4])
        ok = large > small * 1.2 and large > 200
        print(f"saturated pixels: {small} -> {large}")
    elif check == "differ":
        image = read_png(argv[2])
        a, b = saturated(image, argv[3]), saturated(image, argv[4])
        ok = max(a, b) > 200 and abs(a - b) >= 0.15 * max(a, b)
        print(f"saturated pixels: {a} vs {b}")
    elif check == "text":
        n = sum(1 for r, g, b in pixels(read_png(argv[2]), argv[3]) if min(r, g, b) > 150)
        ok = n >= int(argv[4])
        print(f"bright pixels: {n}")
    elif check == "red":
        n = sum(1 for r, g, b in pixels(read_png(argv[2]), argv[3]) if r > g + 60 and r > b + 60)
        ok = n >= int(argv[4])
        print(f"red pixels: {n}")
    else:
        raise SystemExit(__doc__)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
