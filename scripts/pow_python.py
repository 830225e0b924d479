#!/usr/bin/env python3
"""pow_python.py - pow in plain Python, the baseline the README's table starts from.

  original: draws each 50-digit candidate at random, digit by digit, and tests its hashlib
            MD5 hex digest, as the original script did;
  count:    counts upward from a 50-digit seed instead, the fastest plain Python gets.
Runs for SECONDS on one core and prints candidates per second.
usage: scripts/pow_python.py [original|count] [SECONDS]   (defaults: original 2)
"""
import hashlib
import random
import string
import sys
import time


def original(budget):
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < budget:
        for _ in range(1000):
            s = "".join(random.choice(string.digits) for _ in range(50))
            hashlib.md5(s.encode()).hexdigest().endswith("00000")
            n += 1
    return n / (time.perf_counter() - start)


def count(budget):
    n, start = 0, time.perf_counter()
    base = 14159265358979323846264338327950288419716939937510
    while time.perf_counter() - start < budget:
        for _ in range(10000):
            hashlib.md5(str(base + n).encode()).hexdigest().endswith("00000")
            n += 1
    return n / (time.perf_counter() - start)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "original"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    if mode not in ("original", "count") or not seconds > 0:
        sys.exit("usage: pow_python.py [original|count] [SECONDS]")
    print(f"{(original if mode == 'original' else count)(seconds):.0f}")


if __name__ == "__main__":
    main()
