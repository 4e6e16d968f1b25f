#!/usr/bin/env python3
"""A login's latency while registrations flood the server (docs/benchmarks.md, "Logins during a registration flood").

Starts `stocktracker serve` on a free port (trusting loopback as a proxy, so that X-Forwarded-For can speak for
many addresses), registers one account, then runs three phases of SECONDS each:

  idle      - the account logs in every 0.25 s, nothing else runs
  one       - FLOODERS threads register new names as fast as they can from one address
  many      - the same, each request from a random address (a botnet)

and prints, per phase, the registrations answered (201 / 409 / 429 / 503 and per second) and the login latencies
(p50, p90, max) and statuses. With --unbounded the server runs with the registration limit and the bcrypt queue
lifted (`--registrations-per-address 1000000 --max-pending-hashes 100000`); registrations still hash on their
own thread (before issue 14 they shared NIO's pool with the logins: see docs/benchmarks.md for that run).

Usage: benchmarks/accounts/registration-flood.py [--binary .build/release/stocktracker] [--seconds 20]
       [--flooders 16] [--cost 12] [--unbounded]
"""
import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import tempfile
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port, path, body, address=None, timeout=120):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if address:
        headers["X-Forwarded-For"] = address
    started = time.monotonic()
    try:
        connection.request("POST", path, json.dumps(body), headers)
        status = connection.getresponse().status
    except OSError:
        status = 0
    finally:
        connection.close()
    return status, time.monotonic() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def phase(port, name, seconds, flooders, address_of):
    stop = threading.Event()
    registrations = []
    created = []
    lock = threading.Lock()

    def flood(worker):
        number = 0
        while not stop.is_set():
            number += 1
            status, latency = post(port, "/auth/register",
                                   {"username": f"flood_{name}_{worker}_{number}", "password": "correct horse"},
                                   address_of())
            with lock:
                registrations.append(status)
                if status == 201:
                    created.append(latency * 1000)

    threads = [threading.Thread(target=flood, args=(w,), daemon=True) for w in range(flooders)]
    for thread in threads:
        thread.start()
    logins = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        logins.append(post(port, "/auth/login", {"username": "bench_owner", "password": "correct horse"}, "192.0.2.1"))
        time.sleep(0.25)
    stop.set()
    for thread in threads:
        thread.join(timeout=180)
    counts = {code: registrations.count(code) for code in sorted(set(registrations))}
    latencies = [latency * 1000 for status, latency in logins if status == 200]
    statuses = {code: [s for s, _ in logins].count(code) for code in sorted({s for s, _ in logins})}
    line = f"{name:5} registrations {counts} ({len(registrations) / seconds:.1f}/s"
    line += f", a 201 in p50 {statistics.median(created):.0f} ms)" if created else ")"
    if latencies:
        line += (f"; logins {statuses}: p50 {statistics.median(latencies):.0f} ms, "
                 f"p90 {percentile(latencies, 0.9):.0f} ms, max {max(latencies):.0f} ms")
    else:
        line += f"; logins {statuses}: none succeeded"
    print(line, flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/stocktracker")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--flooders", type=int, default=16)
    parser.add_argument("--cost", type=int, default=12)
    parser.add_argument("--unbounded", action="store_true")
    options = parser.parse_args()
    port = free_port()
    work = tempfile.mkdtemp(prefix="registration-flood-")
    arguments = [options.binary, "serve", "--port", str(port), "--db", os.path.join(work, "db.sqlite"),
                 "--bcrypt-cost", str(options.cost), "--trusted-proxy", "127.0.0.1", "--log-level", "warning"]
    if options.unbounded:
        arguments += ["--registrations-per-address", "1000000", "--max-pending-hashes", "100000"]
    server = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/health")
                break
            except OSError:
                time.sleep(0.1)
        status, _ = post(port, "/auth/register", {"username": "bench_owner", "password": "correct horse"}, "192.0.2.1")
        assert status == 201, f"could not register the benchmark's account: {status}"
        print(f"bcrypt cost {options.cost}, {options.flooders} flooders, {options.seconds:.0f} s per phase, "
              f"{'limits lifted' if options.unbounded else 'default limits'}, "
              f"load average {open('/proc/loadavg').read().split()[0]}", flush=True)
        phase(port, "idle", options.seconds, 0, lambda: None)
        phase(port, "one", options.seconds, options.flooders, lambda: "203.0.113.7")
        phase(port, "many", options.seconds, options.flooders,
              lambda: f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
