#!/usr/bin/env python3
"""primes_python.py - the teaching code the sieve and trial programs replace, as the course
wrote it: a list-based Sieve of Eratosthenes called for every num in 1000..15999, trial
division is_prime() over the PRIMES list, and counting primes below 2,000,000 by trial
division. The "before" figures of scripts/bench_primes.

usage: primes_python.py batch|primes|count   (prints the answer, then the seconds on stderr)
"""
import math
import sys
import time

PRIMES = [112272535095293, 112582705942171, 112272535095293, 115280095190773,
          115797848077099, 1099726899285419]


def get_prime_numbers(num):
    """The primes up to num, by a list-based Sieve of Eratosthenes."""
    is_prime = [True] * (num + 1)
    is_prime[0] = is_prime[1] = False
    for i in range(2, int(math.sqrt(num)) + 1):
        if is_prime[i]:
            for j in range(i * i, num + 1, i):
                is_prime[j] = False
    return [i for i in range(num + 1) if is_prime[i]]


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    sqrt_n = int(math.floor(math.sqrt(n)))
    for i in range(3, sqrt_n + 1, 2):
        if n % i == 0:
            return False
    return True


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "batch"
    start = time.perf_counter()
    if what == "batch":
        lists = [get_prime_numbers(num) for num in range(1000, 16000)]
        answer = "%d %d" % (sum(len(l) for l in lists), sum(sum(l) for l in lists) % 2**64)
    elif what == "primes":
        answer = " ".join(str(is_prime(n)) for n in PRIMES)
    elif what == "count":
        answer = str(sum(1 for n in range(2, 2000000) if is_prime(n)))
    else:
        sys.exit("usage: primes_python.py batch|primes|count")
    print(answer)
    print("%.4f" % (time.perf_counter() - start), file=sys.stderr)


if __name__ == "__main__":
    main()
