#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
# corrupt.py IMAGE SEED START END COUNT: overwrites COUNT bytes of IMAGE,
# at offsets in [START, END) drawn from SEED, with bytes drawn from it:
# the same damage every run, for images whose drivers we do not fuzz
# ourselves (GRUB's reader runs as a program).
import random
import sys

image, seed, start, end, count = sys.argv[1], *map(int, sys.argv[2:6])
rng = random.Random(seed)
with open(image, 'r+b') as f:
    for _ in range(count):
        f.seek(rng.randrange(start, end))
        f.write(bytes([rng.randrange(256)]))
