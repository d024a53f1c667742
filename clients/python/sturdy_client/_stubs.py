"""gRPC stubs generated from the repository's .proto on first use (grpc_tools.protoc), cached by
the proto's hash, so the Python client never drifts from the contract the parties serve."""

import hashlib
import importlib
import os
import sys
import tempfile
from pathlib import Path

_PROTO_NAME = "sturdy_inference.proto"


def _proto_path() -> Path:
    override = os.environ.get("STURDY_PROTO")
    if override:
        return Path(override)
    # clients/python/sturdy_client/ -> repository root -> party/src/main/proto/
    root = Path(__file__).resolve().parents[3]
    return root / "party" / "src" / "main" / "proto" / _PROTO_NAME


def load():
    """Returns (messages module, grpc module) for sturdy_inference.proto."""
    proto = _proto_path()
    if not proto.is_file():
        raise FileNotFoundError(f"{proto} not found: run from a Sturdy checkout or set STURDY_PROTO")
    digest = hashlib.sha256(proto.read_bytes()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sturdy-client" / digest
    if not (cache / "sturdy_inference_pb2_grpc.py").is_file():
        from grpc_tools import protoc  # Debian: python3-grpc-tools

        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache.parent) as tmp:
            code = protoc.main(["protoc", f"-I{proto.parent}", f"--python_out={tmp}", f"--grpc_python_out={tmp}",
                                str(proto)])
            if code != 0:
                raise RuntimeError(f"protoc failed on {proto} (exit {code})")
            for f in Path(tmp).iterdir():
                os.replace(f, cache / f.name)  # atomic: concurrent first uses see whole files
    if str(cache) not in sys.path:
        sys.path.insert(0, str(cache))
    return importlib.import_module("sturdy_inference_pb2"), importlib.import_module("sturdy_inference_pb2_grpc")
