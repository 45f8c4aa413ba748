#!/usr/bin/env python3
"""psi_mp.py -- mpmath references for tests/kernel/t-psi_mp.c (issue 14).

psi_l(w, u) = E[sigma(w.xt) sigma(u.xt)], x ~ N(0, s^2 I_3), xt = [x; 1],
sigma(z) = max(z, c z), for random weights with bias, by a route that shares
nothing with src/kernel: with h = b_w/(s|wt|), k = b_u/(s|ut|),
rho = cos theta, X, Y standard normal with correlation rho,

  psi_l = s^2 |wt| |ut| int phi(x) sigma(x + h) G(rho x + k) dx,
  G(mu) = E[sigma(mu + sin(theta) Z)]
        = (1 - c)(mu Phi(mu/S) + S phi(mu/S)) + c mu,   S = sin theta,

by mpmath.quad at 60 digits, split at the kink x = -h.  Weights are
multiples of 2^-10 in [-1, 1] (exact doubles), c is 0, 1/8 or a multiple
of 2^-8 in [0, 1/2].  Output: one line per case,
  w0 w1 w2 bw  u0 u1 u2 bu  c  psi_l (40 significant digits)
Usage: psi_mp.py [N] [SEED] > tests/kernel/data/psi_mp.txt (the last
column, the radius of commit 3293250 at 128 bits, was appended by that
build)
"""
import random
import sys

import mpmath as mp

mp.mp.dps = 60


def psi_l(w, u, c, s=1):
    wt, ut = [mp.mpf(x) for x in w[:3]], [mp.mpf(x) for x in u[:3]]
    nw = mp.sqrt(sum(x * x for x in wt))
    nu = mp.sqrt(sum(x * x for x in ut))
    h = mp.mpf(w[3]) / (s * nw)
    k = mp.mpf(u[3]) / (s * nu)
    rho = sum(a * b for a, b in zip(wt, ut)) / (nw * nu)
    S = mp.sqrt(1 - rho * rho)
    c = mp.mpf(c)

    def sig(z):
        return z if z > 0 else c * z

    def G(mu):
        t = mu / S
        return (1 - c) * (mu * mp.ncdf(t) + S * mp.npdf(t)) + c * mu

    f = lambda x: mp.npdf(x) * sig(x + h) * G(rho * x + k)
    return s * s * nw * nu * mp.quad(f, [-mp.inf, -h, mp.inf])


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 14)
    print("# w0 w1 w2 bw  u0 u1 u2 bu  c  psi_l  (tests/kernel/psi_mp.py)")
    for i in range(n):
        w = [rng.randint(-1024, 1024) / 1024 for _ in range(4)]
        u = [rng.randint(-1024, 1024) / 1024 for _ in range(4)]
        if min(abs(x) for x in w[:3]) == 0 and max(abs(x) for x in w[:3]) == 0:
            w[0] = 0.5
        if max(abs(x) for x in u[:3]) == 0:
            u[0] = 0.5
        c = [0.0, 0.125, rng.randint(1, 128) / 256][i % 3]
        v = psi_l(w, u, c)
        print(" ".join(repr(x) for x in w), " ",
              " ".join(repr(x) for x in u), " ", repr(c), " ",
              mp.nstr(v, 40, min_fixed=1, max_fixed=0))


if __name__ == "__main__":
    main()
