#!/usr/bin/env python3
"""p-sgd-torch.py -- the PyTorch side of bench/p-sgd.c.

Reads cases from argv, one per argument: NAME:SIZES:BIAS:BATCH:NTRAIN where
SIZES = d,h1,...,C (comma separated), BIAS = 1 if hidden layers have biases.
For each case builds the same network (Linear -> ReLU ..., output Linear
without bias), float64, one thread, plain SGD on J = 1/(2B) sum |f - t|^2,
and prints one line:  NAME BATCH STEP_US EPOCH_MS
STEP_US: median time of one step (zero_grad, forward, loss, backward,
optimizer step) on a fixed batch; EPOCH_MS: median time of NTRAIN/BATCH
steps with with-replacement batches drawn from a fixed data set.  Times
are process CPU times (time.process_time), the minimum over trials, as on
the C side.
"""
import sys
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
torch.manual_seed(1)


def net(sizes, bias):
    layers = []
    for i in range(len(sizes) - 1):
        out = i == len(sizes) - 2
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1],
                                      bias=(bias and not out)))
        if not out:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def median_time(fn, min_time=0.05, trials=7):
    fn()
    reps = 1
    while True:
        t0 = time.process_time()
        for _ in range(reps):
            fn()
        dt = time.process_time() - t0
        if dt >= min_time:
            break
        reps *= 2
    ts = []
    for _ in range(trials):
        t0 = time.process_time()
        for _ in range(reps):
            fn()
        ts.append((time.process_time() - t0) / reps)
    ts.sort()
    return ts[0]  # the minimum: least disturbed by other load


def main():
    for case in sys.argv[1:]:
        name, sizes, bias, batch, ntrain = case.split(":")
        sizes = [int(s) for s in sizes.split(",")]
        bias, batch, ntrain = int(bias), int(batch), int(ntrain)
        model = net(sizes, bias)
        teacher = net(sizes, bias)
        opt = torch.optim.SGD(model.parameters(), lr=1e-6)
        x = torch.randn(batch, sizes[0])
        with torch.no_grad():
            t = teacher(x)

        def step(x=x, t=t):
            opt.zero_grad(set_to_none=True)
            y = model(x)
            loss = 0.5 * ((y - t) ** 2).sum(dim=1).mean()
            loss.backward()
            opt.step()

        X = torch.randn(ntrain, sizes[0])
        with torch.no_grad():
            T = teacher(X)
        nsteps = ntrain // batch

        def epoch():
            for _ in range(nsteps):
                idx = torch.randint(ntrain, (batch,))
                step(X[idx], T[idx])

        ts = median_time(step)
        te = median_time(epoch, min_time=0.2, trials=3)
        print("%s %d %.4f %.4f" % (name, batch, ts * 1e6, te * 1e3))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
