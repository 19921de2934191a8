#!/usr/bin/env python3
"""Draws the add-in icons (addin/public/assets/icon-{16,32,64,80,128}.png): a white ghost on an
indigo rounded square. Python standard library only; run from the repository root."""
import os
import struct
import zlib

SIZES = (16, 32, 64, 80, 128)
BACKGROUND = (91, 95, 199)  # indigo, readable on light and dark ribbons
GHOST = (255, 255, 255)
SAMPLES = 4  # 4x4 supersampling for smooth edges


def inside_rounded_square(x, y, radius=0.22):
    cx = min(max(x, radius), 1 - radius)
    cy = min(max(y, radius), 1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def inside_ghost(x, y):
    head = (x - 0.5) ** 2 + (y - 0.44) ** 2 <= 0.25 ** 2
    body = 0.25 <= x <= 0.75 and 0.44 <= y <= 0.74
    scallop = 1 / 12
    hem = any((x - cx) ** 2 + (y - 0.74) ** 2 <= scallop ** 2 for cx in (0.25 + scallop, 0.5, 0.75 - scallop))
    return head or body or hem


def inside_eye(x, y):
    return any(((x - cx) / 0.04) ** 2 + ((y - 0.44) / 0.06) ** 2 <= 1 for cx in (0.42, 0.58))


def pixel(px, py, size):
    coverage_bg = coverage_ghost = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x = (px + (sx + 0.5) / SAMPLES) / size
            y = (py + (sy + 0.5) / SAMPLES) / size
            if inside_rounded_square(x, y):
                coverage_bg += 1
                if inside_ghost(x, y) and not inside_eye(x, y):
                    coverage_ghost += 1
    total = SAMPLES * SAMPLES
    if coverage_bg == 0:
        return (0, 0, 0, 0)
    share = coverage_ghost / coverage_bg
    rgb = tuple(round(b + (g - b) * share) for b, g in zip(BACKGROUND, GHOST))
    return rgb + (round(255 * coverage_bg / total),)


def png(size):
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size)
    )

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def main():
    target = os.path.join("addin", "public", "assets")
    os.makedirs(target, exist_ok=True)
    for size in SIZES:
        with open(os.path.join(target, f"icon-{size}.png"), "wb") as file:
            file.write(png(size))


if __name__ == "__main__":
    main()
