#!/usr/bin/python3
"""Writes datasets/test-images/: a tiny torchvision ImageFolder of generated coloured shapes.

Three classes (circle, square, triangle), 12 images each: PNG (colour, one grayscale, one with
an alpha channel), JPEG and BMP, mostly 32x32 with some 40x30 and 16x16 files, so the loader's
resize, gray handling and decoders are all exercised. Each class has its own hue family (red-ish
circles, green-ish squares, blue-ish triangles) on a dark random background, positions and sizes
random: a small RGB CNN learns it in a few epochs. Deterministic (seeded). Run:

    /usr/bin/python3 datasets/make_test_images.py [OUT_DIR]
"""
import os
import sys

import cv2
import numpy as np

CLASSES = ["circle", "square", "triangle"]
# base colour of each class, RGB
BASE = {"circle": (220, 60, 50), "square": (60, 200, 70), "triangle": (70, 90, 230)}
# file name, width, height, kind: "png" colour, "gray" 1-channel PNG, "rgba" PNG with alpha
FILES = [("01.png", 32, 32, "png"), ("02.png", 32, 32, "png"), ("03.png", 32, 32, "png"),
         ("04.png", 32, 32, "png"), ("05.png", 40, 30, "png"), ("06.png", 32, 32, "png"),
         ("07.png", 32, 32, "gray"), ("08.png", 32, 32, "rgba"), ("09.jpg", 32, 32, "jpg"),
         ("10.jpg", 40, 30, "jpg"), ("11.JPEG", 32, 32, "jpg"), ("12.bmp", 16, 16, "bmp")]


def draw(rng, cls, w, h):
    bg = rng.integers(0, 60, size=3)
    img = np.zeros((h, w, 3), np.uint8)
    img[:] = bg
    colour = np.clip(np.array(BASE[cls]) + rng.integers(-30, 31, size=3), 0, 255)
    s = min(w, h)
    r = int(rng.integers(s // 5, s // 3 + 1))
    cx = int(rng.integers(r, w - r))
    cy = int(rng.integers(r, h - r))
    bgr = tuple(int(c) for c in colour[::-1])
    if cls == "circle":
        cv2.circle(img, (cx, cy), r, bgr, -1)
    elif cls == "square":
        cv2.rectangle(img, (cx - r, cy - r), (cx + r, cy + r), bgr, -1)
    else:
        pts = np.array([[cx, cy - r], [cx - r, cy + r], [cx + r, cy + r]], np.int32)
        cv2.fillPoly(img, [pts], bgr)
    return img  # BGR, as cv2 writes


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "test-images")
    rng = np.random.default_rng(15)
    for cls in CLASSES:
        os.makedirs(os.path.join(out, cls), exist_ok=True)
        for name, w, h, kind in FILES:
            img = draw(rng, cls, w, h)
            path = os.path.join(out, cls, name)
            if kind == "gray":
                cv2.imwrite(path, cv2.cvtColor(img, cv2.COLOR_BGR2GRAY))
            elif kind == "rgba":
                alpha = np.full(img.shape[:2] + (1,), 200, np.uint8)
                cv2.imwrite(path, np.concatenate([img, alpha], axis=2))
            elif kind == "jpg":
                cv2.imwrite(path, img, [cv2.IMWRITE_JPEG_QUALITY, 85])
            else:
                cv2.imwrite(path, img)


if __name__ == "__main__":
    main()
