#!/usr/bin/env python3
"""Checks Attune screenshots by their pixels (no packages beyond the standard library: PNG via zlib).

  png_check.py size PNG W H                      the image is W x H
  png_check.py grows SMALL.png LARGE.png BOX     more saturated (pacer) pixels in BOX of LARGE than of SMALL
  png_check.py differ PNG BOX_A BOX_B            the saturated pixel counts in the two boxes differ by >= 15 %
  png_check.py text PNG BOX MIN                  at least MIN bright text pixels in BOX
  png_check.py red PNG BOX MIN                   at least MIN red (error text) pixels in BOX
  png_check.py black PNG                         every pixel is pure black (0, 0, 0)
  png_check.py pacer PNG BOX                     prints where the pacer in BOX is (see measure_pacer)
  png_check.py gauge PNG BOX                     prints where the PMR gauge in BOX is (see measure_gauge)
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


def box_pixels(image, box):
    """The pixel rectangle of BOX: (x0, y0, x1, y1), x1 and y1 exclusive."""
    width, height = image[0], image[1]
    x0, y0, x1, y1 = (float(v) for v in box.split(","))
    return int(x0 * width), int(y0 * height), int(x1 * width), int(y1 * height)


def rgb(image, x, y):
    row, channels = image[3][y], image[2]
    return row[x * channels], row[x * channels + 1], row[x * channels + 2]


def is_saturated(pixel):
    return max(pixel) - min(pixel) > 40


def is_background(image, pixel):
    """Within 6 of the screen's background colour (read at the top-left corner) in every channel."""
    background = rgb(image, 0, 0)
    return all(abs(a - b) <= 6 for a, b in zip(pixel, background))


def saturated_extent(image, box):
    """The bounding box (x0, y0, x1, y1, inclusive) of the saturated pixels in BOX, or None."""
    bx0, by0, bx1, by1 = box_pixels(image, box)
    xs, ys = [], []
    for y in range(by0, by1):
        for x in range(bx0, bx1):
            if is_saturated(rgb(image, x, y)):
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def largest_saturated_blob(image, box):
    """The bounding box (x0, y0, x1, y1, inclusive) of the largest 8-connected group of saturated pixels in
    BOX (a pacer's disc, not the partner's name in the same colour above it), or None."""
    bx0, by0, bx1, by1 = box_pixels(image, box)
    todo = {(x, y) for y in range(by0, by1) for x in range(bx0, bx1) if is_saturated(rgb(image, x, y))}
    best, best_size = None, 0
    while todo:
        stack = [todo.pop()]
        xs, ys = [], []
        while stack:
            x, y = stack.pop()
            xs.append(x)
            ys.append(y)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    if (x + dx, y + dy) in todo:
                        todo.remove((x + dx, y + dy))
                        stack.append((x + dx, y + dy))
        if len(xs) > best_size:
            best, best_size = (min(xs), min(ys), max(xs), max(ys)), len(xs)
    return best


def row_extent(image, box, y):
    """The outermost non-background pixels on row y inside BOX: (x0, x1) inclusive, or None."""
    bx0, _, bx1, _ = box_pixels(image, box)
    xs = [x for x in range(bx0, bx1) if not is_background(image, rgb(image, x, y))]
    return (min(xs), max(xs)) if xs else None


def measure_pacer(image, box):
    """The breathing disc (the saturated pixels: its bounding box gives the centre and the radius) and the
    resting ring around it (the outermost drawn pixels on the disc's centre row)."""
    disc = largest_saturated_blob(image, box)
    if disc is None:
        raise SystemExit(f"no pacer (no saturated pixels) in {box}")
    x0, y0, x1, y1 = disc
    if abs((x1 - x0) - (y1 - y0)) > 2 or x1 - x0 < 10:
        raise SystemExit(f"the saturated shape in {box} is not a circle: {disc}")
    centre_y = (y0 + y1) // 2
    ring = row_extent(image, box, centre_y)
    return {"centre": ((x0 + x1) / 2, (y0 + y1) / 2), "radius": (x1 - x0 + 1) / 2,
            "ring": ((ring[0] + ring[1]) / 2, (ring[1] - ring[0] + 1) / 2)}


def measure_gauge(image, box):
    """The gauge's track (the outermost drawn pixels on the gauge's middle row) and the top, bottom and left
    edge of its fill (the saturated pixels), or fill None when the gauge is empty."""
    fill = saturated_extent(image, box)
    bx0, by0, bx1, by1 = box_pixels(image, box)
    if fill is not None:
        middle = (fill[1] + fill[3]) // 2
    else:  # an empty gauge: the widest drawn row in BOX is the track's
        middle = max(range(by0, by1),
                     key=lambda y: (lambda e: e[1] - e[0] if e else -1)(row_extent(image, box, y)))
    track = row_extent(image, box, middle)
    centre_x = (track[0] + track[1]) // 2
    top = bottom = middle
    while top - 1 >= by0 and not is_background(image, rgb(image, centre_x, top - 1)):
        top -= 1
    while bottom + 1 < by1 and not is_background(image, rgb(image, centre_x, bottom + 1)):
        bottom += 1
    return {"track": (track[0], top, track[1], bottom),
            "fill": None if fill is None else (fill[0], fill[1], fill[3])}


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
    elif check == "black":
        image = read_png(argv[2])
        n = sum(1 for pixel in pixels(image, "0,0,1,1") if pixel != (0, 0, 0))
        ok = n == 0
        print(f"pixels not black: {n} of {image[0] * image[1]}")
    elif check == "red":
        n = sum(1 for r, g, b in pixels(read_png(argv[2]), argv[3]) if r > g + 60 and r > b + 60)
        ok = n >= int(argv[4])
        print(f"red pixels: {n}")
    elif check == "pacer":
        print(measure_pacer(read_png(argv[2]), argv[3]))
        ok = True
    elif check == "gauge":
        print(measure_gauge(read_png(argv[2]), argv[3]))
        ok = True
    else:
        raise SystemExit(__doc__)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
