#!/usr/bin/env python3
"""Loopback webhook receivers for the chat benchmark.

Listens on N consecutive ports of 127.0.0.1 (HTTP/1.1, keep-alive), answers every POST with
200 "ok", and counts TCP connections accepted and requests answered per port. A control port
answers GET /stats (JSON) and POST /reset; it is not counted.

    receivers.py --base-port 19100 --count 50 --control-port 19099
"""
import argparse
import asyncio
import json
import signal

STATS = {"connections": {}, "requests": {}}
RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"


class Receiver(asyncio.Protocol):
    """One connection to a counted port: parses requests and answers each with 200 ok."""

    def __init__(self, port):
        self.port = port
        self.buffer = b""
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        STATS["connections"][self.port] = STATS["connections"].get(self.port, 0) + 1

    def data_received(self, data):
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1")
            length = 0
            close = False
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                if name == "content-length":
                    length = int(value.strip())
                elif name == "connection" and value.strip().lower() == "close":
                    close = True
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length:]
            STATS["requests"][self.port] = STATS["requests"].get(self.port, 0) + 1
            if close:
                self.transport.write(RESPONSE.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1))
                self.transport.close()
                return
            self.transport.write(RESPONSE)


class Control(asyncio.Protocol):
    """The uncounted control port: GET /stats, POST /reset."""

    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""

    def data_received(self, data):
        self.buffer += data
        if b"\r\n\r\n" not in self.buffer:
            return
        line = self.buffer.split(b"\r\n", 1)[0].decode()
        if " /reset" in line:
            STATS["connections"].clear()
            STATS["requests"].clear()
        body = json.dumps({
            "connections": sum(STATS["connections"].values()),
            "requests": sum(STATS["requests"].values()),
            "ports_with_requests": len(STATS["requests"]),
            "max_connections_per_port": max(STATS["connections"].values(), default=0),
        }).encode()
        self.transport.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                             + str(len(body)).encode() + b"\r\n\r\n" + body)
        self.transport.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-port", type=int, default=19100)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--control-port", type=int, default=19099)
    parser.add_argument("--max-seconds", type=int, default=1800, help="stop by itself after this long")
    args = parser.parse_args()
    loop = asyncio.get_running_loop()
    servers = []
    for port in range(args.base_port, args.base_port + args.count):
        servers.append(await loop.create_server(lambda port=port: Receiver(port), "127.0.0.1", port, backlog=1024))
    servers.append(await loop.create_server(Control, "127.0.0.1", args.control_port))
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    print(f"listening on 127.0.0.1:{args.base_port}-{args.base_port + args.count - 1}, control {args.control_port}", flush=True)
    try:
        await asyncio.wait_for(stop, timeout=args.max_seconds)
    except asyncio.TimeoutError:
        pass
    for server in servers:
        server.close()


if __name__ == "__main__":
    asyncio.run(main())
