#!/usr/bin/env python3
"""The ping-flood probe of docs/security.md: one live-price socket that sends WebSocket pings as fast as the
server takes them and never reads, for SECONDS, while the server's RSS is sampled from /proc.

    ping-flood.py --port 8090 --token-file tokens.txt --server-pid PID [--seconds 20]

Prints the server's RSS before, its peak, the growth, the bytes of pings sent and whether (and when) the server
closed the socket. Loopback only, one socket, bounded in time."""
import argparse, os, socket, time

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token-file", required=True)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    token = open(args.token_file).readline().strip()
    connection = socket.create_connection(("127.0.0.1", args.port))
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    connection.sendall((f"GET /ws/watchlist?token={token} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        "Sec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += connection.recv(1)
    if not head.startswith(b"HTTP/1.1 101"):
        raise SystemExit(f"upgrade refused: {head!r}")
    mask = bytes([0x37, 0xFA, 0x21, 0x3D])
    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(b"p" * 125))
    batch = (bytes([0x89, 0x80 | 125]) + mask + payload) * 512
    connection.setblocking(False)
    before = peak = rss_kib(args.server_pid)
    start = time.monotonic()
    sent, closed_after = 0, None
    last_sample = start
    unsent = b""
    while time.monotonic() - start < args.seconds:
        try:
            unsent = unsent or batch  # whole frames only: what a send leaves behind goes first next time
            count = connection.send(unsent)
            sent += count
            unsent = unsent[count:]
        except BlockingIOError:
            time.sleep(0.001)
        except (BrokenPipeError, ConnectionResetError):
            closed_after = time.monotonic() - start
            break
        if time.monotonic() - last_sample > 0.25:
            peak = max(peak, rss_kib(args.server_pid))
            last_sample = time.monotonic()
    peak = max(peak, rss_kib(args.server_pid))
    if closed_after is None:
        # Did the server close it while we were not reading? Drain what it left and look for the end.
        connection.setblocking(True)
        connection.settimeout(3)
        drain_until = time.monotonic() + 5
        try:
            while time.monotonic() < drain_until:
                if not connection.recv(1 << 16):
                    closed_after = time.monotonic() - start
                    break
        except (socket.timeout, ConnectionResetError):
            pass
    print(f"server RSS before {before / 1024:.1f} MB, peak {peak / 1024:.1f} MB, growth {(peak - before) / 1024:.1f} MB")
    print(f"pings sent {sent / 1e6:.1f} MB in {min(args.seconds, time.monotonic() - start):.1f} s")
    print("socket closed by the server" + (f" after {closed_after:.1f} s" if closed_after is not None else ": no"))

if __name__ == "__main__":
    main()
