#!/usr/bin/env python3
"""make_fixtures.py -- write the NumPy fixtures of tests/cli/import.sh and
tests/certify/t-npy (run from this folder with NumPy; the files are
committed, so make check needs neither NumPy nor this script).

    cd tests/data/import && python3 make_fixtures.py

Good files (d = 4 inputs, n = 3 students, teacher I_4 or a 4 x 4 matrix)
and the numbers the candidate must hold (expected.json, hex floats, rows =
nodes); bad files, each refused by tsalign import with the tensor named."""
import io
import json
import zipfile

import numpy as np

rng = np.random.default_rng(15)
W = rng.standard_normal((3, 4))                  # nn.Linear(4, 3).weight
W[0, 0] = 0.0
W[2, 1] = -0.0
T = rng.standard_normal((4, 4))                  # a general teacher, m = 4
W32 = rng.standard_normal((3, 4)).astype(np.float32)
I4 = np.eye(4)
ONES = np.ones((1, 3))


def hexm(M):
    return [[float(x).hex() for x in row] for row in np.asarray(M, dtype=np.float64)]


def save_npy(name, a, version=None):
    with open(name, "wb") as f:
        np.lib.format.write_array(f, a, version=version, allow_pickle=True)


def npy_bytes(a, version=None):
    b = io.BytesIO()
    np.lib.format.write_array(b, a, version=version, allow_pickle=True)
    return b.getvalue()


def raw_zip(name, members, compress=zipfile.ZIP_STORED):
    with zipfile.ZipFile(name, "w", compression=compress) as z:
        for k, v in members:
            z.writestr(k, v)


expected = {}
# a PyTorch-like state_dict, stored (np.savez)
np.savez("sd.npz", **{"fc1.weight": W, "fc2.weight": ONES, "teacher.weight": T})
expected["sd.npz"] = {"W": hexm(W), "V": hexm(T)}
# float32, deflated (np.savez_compressed), nn.Sequential names, zero bias
np.savez_compressed("sd_f4.npz", **{"0.weight": W32, "0.bias": np.zeros(3, np.float32),
                                    "2.weight": np.ones((1, 3), np.float32)})
expected["sd_f4.npz"] = {"W": hexm(W32.astype(np.float64)), "V": hexm(I4)}
# single arrays: rows (v1.0), Fortran order, columns (v2.0), big-endian (v3.0)
save_npy("w_rows.npy", W)
save_npy("w_fortran.npy", np.asfortranarray(W))
save_npy("w_cols.npy", np.ascontiguousarray(W.T), version=(2, 0))
save_npy("w_big.npy", W.astype(">f8"), version=(3, 0))
save_npy("teacher.npy", T)
for f in ("w_rows.npy", "w_fortran.npy", "w_cols.npy", "w_big.npy"):
    expected[f] = {"W": hexm(W), "V": hexm(T)}
# d = n = 4 with a teacher: the layout decides (stated in the file)
Wsq = rng.standard_normal((4, 4))
np.savez("square.npz", **{"fc1.weight": Wsq, "teacher.weight": I4})
expected["square.npz"] = {"W": hexm(Wsq), "V": hexm(I4)}

# ---- bad files ----
np.savez("bad_int.npz", **{"fc1.weight": np.arange(12, dtype=np.int64).reshape(3, 4)})
Wn = W.copy(); Wn[1, 2] = np.nan
np.savez("bad_nan.npz", **{"fc1.weight": Wn, "teacher.weight": I4})
Wi = W.copy(); Wi[2, 3] = -np.inf
save_npy("bad_inf.npy", Wi)
good = npy_bytes(W)
open("bad_trunc.npy", "wb").write(good[:-8])
open("bad_trailing.npy", "wb").write(good + b"\0" * 8)
raw_zip("bad_trunc_member.npz", [("fc1.weight.npy", good[:-8])])
open("bad_trunc.npz", "wb").write(open("sd.npz", "rb").read()[:300])
np.savez("bad_shape.npz", **{"fc1.weight": rng.standard_normal((3, 5)), "teacher.weight": I4})
np.savez("bad_3d.npz", **{"fc1.weight": np.zeros((2, 3, 4))})
np.savez("bad_transposed.npz", **{"fc1.weight": np.ascontiguousarray(W.T), "teacher.weight": I4})
save_npy("bad_complex.npy", W.astype(np.complex128))
save_npy("bad_object.npy", np.array([[1.0, None]], dtype=object))
save_npy("bad_f16.npy", W.astype(np.float16))
np.savez("bad_bias.npz", **{"fc1.weight": W, "fc1.bias": np.array([0.0, 0.5, 0.0])})
O = ONES.copy(); O[0, 1] = 2.0
np.savez("bad_out.npz", **{"fc1.weight": W, "fc2.weight": O})
# a header with an extra key; a file that is no array
h = b"{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), 'x': 1, }"
h = h + b" " * (64 - 10 - 1 - len(h) % 64) + b"\n"
open("bad_header.npy", "wb").write(b"\x93NUMPY\x01\x00" + len(h).to_bytes(2, "little") + h + W.tobytes())
open("bad_magic.npy", "wb").write(b"PK not a zip, not an array\n")
# a zip bomb: 4 MiB of zeros deflated to a few KiB under an array's name
raw_zip("bad_bomb.npz", [("fc1.weight.npy", npy_bytes(np.zeros((1024, 512))))],
        zipfile.ZIP_DEFLATED)
raw_zip("bad_member.npz", [("fc1.weight.npy", good), ("readme.txt", b"hello\n")])

with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")

# the round trip (tests/cli/import.sh, docs/tutorial.md): torch_k7_seed41.npz
# was written by contrib/train_spurious.py --seed 41 and contrib/torch2npz.py
# (PyTorch 1.13, Debian's python3-torch); its student as one column per node
Wk = np.load("torch_k7_seed41.npz")["0.weight"]
save_npy("torch_k7_cols.npy", np.ascontiguousarray(Wk.T))
