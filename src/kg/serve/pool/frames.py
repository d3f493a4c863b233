"""The wire between the web process and a query worker: length-prefixed frames over a Unix socket pair.

A frame is a 5-byte header (payload length, big-endian u32; one type byte) and the payload. The worker side is
blocking (it has nothing else to do); the web side reads with asyncio. Jobs, results and errors are pickled:
both ends are this package, on this machine.
"""

from __future__ import annotations

import asyncio
import pickle
import socket
import struct
from typing import Any

HEADER = struct.Struct(">IB")

JOB = b"J"      # web → worker: a pickled Job
READY = b"H"    # worker → web: the store is open, send jobs
START = b"S"    # a streamed result begins: pickled (kind, format name)
DATA = b"D"     # a chunk of a streamed result
END = b"E"      # the last bytes of a streamed result (possibly empty)
RESULT = b"R"   # a whole pickled result (rows, quads, a boolean)
ERROR = b"X"    # a pickled (error kind, message)


def send(sock: socket.socket, kind: bytes, payload: bytes = b"") -> None:
    sock.sendall(HEADER.pack(len(payload), kind[0]) + payload)


def send_object(sock: socket.socket, kind: bytes, value: Any) -> None:
    send(sock, kind, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    view = bytearray(size)
    got = 0
    while got < size:
        n = sock.recv_into(memoryview(view)[got:], size - got)
        if n == 0:
            raise EOFError("the other end closed the connection")
        got += n
    return bytes(view)


def receive(sock: socket.socket) -> tuple[bytes, bytes]:
    """(type, payload) of the next frame, blocking; EOFError when the web process has gone."""
    size, kind = HEADER.unpack(_recv_exact(sock, HEADER.size))
    return bytes([kind]), _recv_exact(sock, size)


async def read(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    """(type, payload) of the next frame; asyncio.IncompleteReadError when the worker died."""
    size, kind = HEADER.unpack(await reader.readexactly(HEADER.size))
    return bytes([kind]), (await reader.readexactly(size) if size else b"")


def write(writer: asyncio.StreamWriter, kind: bytes, value: Any) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    writer.write(HEADER.pack(len(payload), kind[0]) + payload)


def load(payload: bytes) -> Any:
    return pickle.loads(payload)
