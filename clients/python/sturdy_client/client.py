"""Sturdy's Python client: fixed-point encoding, additive sharing mod 2^64 and one gRPC call per
compute party, each party's share sent only to the server whose certificate names that party."""

import secrets
import socket
import ssl
import time
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence, Tuple

import grpc
import numpy as np

from . import _stubs

_pb, _pb_grpc = _stubs.load()


class SturdyError(Exception):
    """A party refused or failed a query, or is not who its address claims; the message names it."""

    def __init__(self, message: str, code: grpc.StatusCode = None):
        super().__init__(message)
        self.code = code


@dataclass
class Answer:
    logits: np.ndarray  # [batch, classes], float64
    costs: List[object]  # each party's Cost message: rounds, bytes_sent, bytes_received, seconds


def _read(path: Path, what: str) -> bytes:
    if not path.is_file():
        raise FileNotFoundError(f"{what} not found: {path} (give the client directory that 'sturdy certs' wrote)")
    return path.read_bytes()


def _encode(x: np.ndarray, bits: int) -> np.ndarray:
    """Round to nearest, ties away from zero, as the parties' FixedPoint.encode; int64 two's complement."""
    s = np.asarray(x, dtype=np.float64) * float(1 << bits)
    if not np.all(np.abs(s) < 2.0 ** 62):
        raise ValueError(f"input values out of the fixed-point range (|x| < 2^{62 - bits}) or not finite")
    return (np.sign(s) * np.floor(np.abs(s) + 0.5)).astype(np.int64)


def _split(secret: np.ndarray, parties: int) -> List[np.ndarray]:
    """Additive shares mod 2^64: all but the last uniformly random from the OS's cryptographic source."""
    s = secret.view(np.uint64)
    shares = [np.frombuffer(secrets.token_bytes(8 * s.size), dtype="<u8").copy() for _ in range(parties - 1)]
    last = s.copy()
    for r in shares:
        last -= r  # uint64 arithmetic wraps mod 2^64
    return shares + [last]


def _first_failure_or_all(futures, timeout: float):
    """Waits until one gRPC future failed or all are done (grpc futures are not concurrent.futures)."""
    event = threading.Event()
    lock = threading.Lock()
    left = [len(futures)]

    def done(f):
        with lock:
            left[0] -= 1
            if left[0] == 0 or f.exception() is not None:
                event.set()

    for f in futures:
        f.add_done_callback(done)
    event.wait(timeout)


class SturdyClient:
    """Connects to the compute parties, in id order, and checks who each one is before any share is sent.

    addresses: ["host:port", ...] of parties 0..N-1; client_dir: the directory with cert.pem, key.pem, ca.pem.
    """

    def __init__(self, addresses: Sequence[str], client_dir, timeout: float = 60.0):
        d = Path(client_dir)
        self._cert, self._key, self._ca = (_read(d / "cert.pem", "client certificate"),
                                          _read(d / "key.pem", "client key"), _read(d / "ca.pem", "deployment CA"))
        self._dir = d
        self.addresses = list(addresses)
        self.timeout = timeout
        creds = grpc.ssl_channel_credentials(root_certificates=self._ca, private_key=self._key,
                                             certificate_chain=self._cert)
        self._channels = [grpc.secure_channel(a, creds, options=[("grpc.max_receive_message_length", 64 << 20),
                                                                 ("grpc.max_send_message_length", 256 << 20)])
                          for a in self.addresses]
        self._stubs = [_pb_grpc.InferenceStub(c) for c in self._channels]
        try:
            self.info = self._checked_info()
        except BaseException:
            self.close()
            raise

    def _checked_info(self):
        first = None
        for p, address in enumerate(self.addresses):
            name = self._certificate_name(address)
            if name != f"party-{p}":
                raise SturdyError(f"{address} is {name}, not party-{p}: give each compute party's address once, "
                                  f"in id order")
            info = self._call(p, self._stubs[p].ModelInfo, _pb.ModelInfoRequest())
            if info.party_id != p or info.parties != len(self.addresses):
                raise SturdyError(f"{address} reports party {info.party_id} of {info.parties}, expected party {p} "
                                  f"of {len(self.addresses)}")
            first = first or info
        return first

    def _certificate_name(self, address: str) -> str:
        """The common name of the certificate the server at address presents, verified against the deployment CA."""
        host, port = address.rsplit(":", 1)
        host = host.strip("[]")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
        ctx.load_verify_locations(cadata=self._ca.decode())
        ctx.load_cert_chain(str(self._dir / "cert.pem"), str(self._dir / "key.pem"))
        ctx.set_alpn_protocols(["h2"])
        try:
            with socket.create_connection((host, int(port)), timeout=self.timeout) as raw:
                with ctx.wrap_socket(raw, server_hostname=host) as tls:
                    cert = tls.getpeercert()
        except (OSError, ssl.SSLError) as e:
            raise SturdyError(f"{address}: cannot check who it is: {e}") from e
        for rdn in cert.get("subject", ()):
            for key, value in rdn:
                if key == "commonName":
                    return value
        return "(no name)"

    def _call(self, party: int, method, request):
        try:
            return method(request, timeout=self.timeout)
        except grpc.RpcError as e:
            raise SturdyError(f"party {party} ({self.addresses[party]}): {e.details()}", e.code()) from e

    def normalise(self, pixels: np.ndarray) -> np.ndarray:
        """Pixels in [0, 1] (clamped), [batch, C, H, W] or [C, H, W], normalised as the deployed model expects."""
        x = np.clip(np.asarray(pixels, dtype=np.float64), 0.0, 1.0)
        if x.ndim == len(self.info.input_shape):
            x = x[None]
        mean = np.asarray(self.info.normalization_mean).reshape(1, -1, 1, 1)
        std = np.asarray(self.info.normalization_std).reshape(1, -1, 1, 1)
        return (x - mean) / std

    def classify(self, pixels: np.ndarray) -> List[Tuple[int, str]]:
        """Class index and name of each image (pixels in [0, 1], [batch, C, H, W] or one [C, H, W])."""
        logits = self.infer(self.normalise(pixels)).logits
        names = list(self.info.class_names)
        return [(int(c), names[c] if names else str(c)) for c in np.argmax(logits, axis=1)]

    def infer(self, x: np.ndarray) -> Answer:
        """Secure inference on a normalised batch [batch, C, H, W]. A party at its query limit
        (RESOURCE_EXHAUSTED) is asked again with fresh shares and a fresh query id after a
        jittered backoff, until the timeout."""
        x = np.asarray(x, dtype=np.float64)
        want = tuple(self.info.input_shape)
        if x.ndim != len(want) + 1 or x.shape[1:] != want:
            raise ValueError(f"input shape {x.shape} does not match the model's [batch, {', '.join(map(str, want))}]")
        if not 1 <= x.shape[0] <= self.info.max_batch:
            raise ValueError(f"batch {x.shape[0]} out of range 1..{self.info.max_batch}")
        deadline = time.monotonic() + self.timeout
        backoff = 0.02
        while True:
            try:
                return self._attempt(x)
            except SturdyError as e:
                pause = backoff / 2 + secrets.randbelow(1000) / 1000 * backoff
                if e.code != grpc.StatusCode.RESOURCE_EXHAUSTED or time.monotonic() + pause > deadline:
                    raise
                time.sleep(pause)
                backoff = min(1.0, 2 * backoff)

    def _attempt(self, x: np.ndarray) -> Answer:
        shares = _split(_encode(x, self.info.fractional_bits).ravel(), len(self._stubs))
        query = int.from_bytes(secrets.token_bytes(8), "little", signed=True)
        futures = []
        for p, stub in enumerate(self._stubs):
            req = _pb.InferRequest(query_id=query, input_share=shares[p].astype("<u8").tobytes(), shape=list(x.shape))
            futures.append(stub.Infer.future(req, timeout=self.timeout))
        _first_failure_or_all(futures, self.timeout + 5)
        failed = [(p, f) for p, f in enumerate(futures) if f.done() and f.exception() is not None]
        if failed:
            for f in futures:
                f.cancel()  # the other parties stop their half of the query at once
            p, f = failed[0]
            e = f.exception()
            raise SturdyError(f"party {p} ({self.addresses[p]}): {e.details()}", e.code())
        total = None
        costs = []
        for f in futures:
            r = f.result()
            out = np.frombuffer(r.output_share, dtype="<u8")
            total = out.copy() if total is None else total + out
            costs.append(r.cost)
            classes = r.shape[1]
        logits = total.view(np.int64).astype(np.float64) / float(1 << self.info.output_fractional_bits)
        return Answer(logits.reshape(x.shape[0], classes), costs)

    def close(self):
        for c in self._channels:
            c.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
