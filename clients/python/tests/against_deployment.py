"""Runs the Python client against a live deployment; prints one JSON document that
deploy's PythonClientTest compares with the Java client.

usage: against_deployment.py HOST:PORT,HOST:PORT CLIENT_DIR PIXELS.f64 N C H W
PIXELS.f64: N x C x H x W pixels in [0, 1], little-endian float64.
"""

import json
import sys
from pathlib import Path

import numpy as np

from sturdy_client import SturdyClient, SturdyError


def error_of(action):
    try:
        action()
    except (ValueError, FileNotFoundError, SturdyError) as e:
        return f"{type(e).__name__}: {e}"
    return None


def main():
    addresses, client_dir, pixels_file = sys.argv[1].split(","), sys.argv[2], sys.argv[3]
    shape = tuple(int(v) for v in sys.argv[4:8])
    pixels = np.fromfile(pixels_file, dtype="<f8").reshape(shape)
    out = {}
    with SturdyClient(addresses, client_dir) as client:
        out["classes"] = [c for c, _ in client.classify(pixels)]
        out["names"] = [n for _, n in client.classify(pixels[:1])]
        answer = client.infer(client.normalise(pixels[:2]))
        out["rounds"] = [int(c.rounds) for c in answer.costs]
        out["wrong_shape"] = error_of(lambda: client.infer(np.zeros((1,) + shape[1:-1] + (shape[-1] + 1,))))
    out["no_certificate"] = error_of(lambda: SturdyClient(addresses, Path(client_dir) / "missing"))
    out["swapped"] = error_of(lambda: SturdyClient(list(reversed(addresses)), client_dir))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
