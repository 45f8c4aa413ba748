#!/usr/bin/env python3
"""Split students checked with mpmath (docs/overparam.md "Split students").

1. The limit: for exactly parallel x, y (y = c x, c > 0), the second
   derivative of s -> psi(x + s p, y + s q) at s = 0 is p.q (the Hessian of
   x.y/2), by central differences of the closed form at 60 digits; for
   antiparallel x, y it is 0.
2. A split certificate (argument): v^T H v at the split of the box centre,
   by central differences of the loss J'(S + s v) itself (no Hessian
   formula), is below the certificate's curv_upper and within 1e-9 of it.
Prints TAP."""
import json
import random
import sys

try:
    import mpmath
    from mpmath import mpf
except ImportError:
    print("1..0 # SKIP python3 module mpmath missing")
    sys.exit(0)

mpmath.mp.dps = 60
H = mpf(10) ** -20


def dot(x, y):
    return sum(a * b for a, b in zip(x, y))


def psi(x, y):
    nx, ny = mpmath.sqrt(dot(x, x)), mpmath.sqrt(dot(y, y))
    c = max(min(dot(x, y) / (nx * ny), mpf(1)), mpf(-1))
    th = mpmath.acos(c)
    return nx * ny * (mpmath.sin(th) + (mpmath.pi - th) * c) / (2 * mpmath.pi)


def d2(f):
    return (f(H) - 2 * f(0) + f(-H)) / H ** 2


def line(x, p, s):
    return [a + s * b for a, b in zip(x, p)]


tests = []
rng = random.Random(5)
for sign in (1, -1):
    for trial in range(4):
        d = 3 + trial
        x = [mpf(rng.uniform(-1, 1)) for _ in range(d)]
        y = [sign * mpf(0.5 + trial) * a for a in x]
        p = [mpf(rng.uniform(-1, 1)) for _ in range(d)]
        q = [mpf(rng.uniform(-1, 1)) for _ in range(d)]
        got = d2(lambda s: psi(line(x, p, s), line(y, q, s)))
        want = dot(p, q) if sign > 0 else mpf(0)
        tests.append((abs(got - want) < mpf(10) ** -15,
                      "%s pair d = %d: d2 psi = %s, limit %s" % (
                          "parallel" if sign > 0 else "antiparallel", d,
                          mpmath.nstr(got, 12), mpmath.nstr(want, 12))))


def dump(s):
    man, exp = s.split()[:2]
    return mpf(int(man, 16)) * mpf(2) ** int(exp, 16)


if len(sys.argv) > 1:
    with open(sys.argv[1]) as f:
        c = json.load(f)
    d, n, m, i0 = c["d"], c["n"], c["m"], c["student"]
    W = [[dump(c["W"][a][j]) for a in range(d)] for j in range(n)]
    V = [[dump(c["V"][a][j]) for a in range(d)] for j in range(m)]
    t = mpf(float.fromhex(c["t"]))
    v = [mpf(float.fromhex(e)) for e in c["v"]]
    S = [list(w) for w in W]
    S[i0] = [t * a for a in W[i0]]
    S.append([(1 - t) * a for a in W[i0]])

    def loss(s):
        P = [line(S[j], v[j * d:(j + 1) * d], s) for j in range(n + 1)]
        r = sum(dot(x, x) / 4 for x in P)
        for j in range(n + 1):
            for l in range(j + 1, n + 1):
                r += psi(P[j], P[l])
            for u in V:
                r -= psi(P[j], u)
        return r

    q = d2(loss)
    cub = float.fromhex(c["curv_upper"])
    tests.append((q <= cub and cub - q < 1e-9,
                  "%s: v^T H v = %s by differences of the loss, curv_upper %r"
                  % (sys.argv[1].split("/")[-1], mpmath.nstr(q, 15), cub)))

print("1..%d" % len(tests))
for k, (ok, what) in enumerate(tests, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", k, what))
sys.exit(0 if all(ok for ok, _ in tests) else 1)
