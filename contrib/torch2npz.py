#!/usr/bin/env python3
"""torch2npz.py -- a PyTorch state_dict (.pt) as a NumPy .npz for
`tsalign import`.

    python3 contrib/torch2npz.py model.pt model.npz

The .pt file is loaded with torch.load(weights_only=True) (no pickled
code runs); it must hold a state_dict (a mapping of names to tensors) or a
module's state_dict under the key "state_dict".  Every tensor is written
under its own name, in the state_dict's order, as float64 when it is a
floating tensor (float16/bfloat16/float32 convert exactly) and unchanged
otherwise (tsalign import refuses integer tensors that it is asked to
read).  Run it with Debian's python3-torch (/usr/bin/python3)."""
import sys

import numpy as np
import torch


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: torch2npz.py MODEL.pt OUT.npz\n")
        return 2
    sd = torch.load(argv[1], map_location="cpu", weights_only=True)
    if isinstance(sd, dict) and "state_dict" in sd and isinstance(sd["state_dict"], dict):
        sd = sd["state_dict"]
    if not isinstance(sd, dict) or not sd:
        sys.stderr.write("torch2npz.py: %s: not a state_dict\n" % argv[1])
        return 2
    out = {}
    for name, t in sd.items():
        if not torch.is_tensor(t):
            sys.stderr.write("torch2npz.py: %s: %s is not a tensor\n" % (argv[1], name))
            return 2
        t = t.detach().cpu()
        if t.is_floating_point():
            t = t.to(torch.float64)
        out[name] = t.numpy()
    with open(argv[2], "wb") as f:
        np.savez(f, **out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
