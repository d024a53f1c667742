#!/usr/bin/env python3
"""Writes the first N of Sturdy's embedded sample images (samples.bin: per image a label byte and
28x28 grey pixel bytes) as PNG files, so 'sturdy query --image' can read them. Standard library only."""
import struct
import sys
import zlib

SIDE = 28


def png(pixels):
    rows = b"".join(b"\x00" + pixels[y * SIDE:(y + 1) * SIDE] for y in range(SIDE))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", SIDE, SIDE, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: sample-pngs.py samples.bin N OUT_DIR")
    data = open(sys.argv[1], "rb").read()
    count, out = int(sys.argv[2]), sys.argv[3]
    record = 1 + SIDE * SIDE
    if count < 1 or count * record > len(data):
        sys.exit(f"{sys.argv[1]} holds {len(data) // record} images, asked for {count}")
    for i in range(count):
        pixels = data[i * record + 1:(i + 1) * record]
        with open(f"{out}/sample-{i}.png", "wb") as f:
            f.write(png(pixels))


if __name__ == "__main__":
    main()
