"""A real `stocktracker serve` for the browser tests: its own temporary database, a free port on loopback,
prices every second; it can be stopped and started again on the same port and database."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "stocktracker"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`stocktracker serve --price-interval 1` on a free port (bcrypt cost 4: the tests log in often)."""

    def __init__(self, name="browser"):
        self.folder = Path(tempfile.mkdtemp(prefix=f"stocktracker-{name}-"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log = None

    def start(self, timeout=60):
        self.log = open(self.folder / "server.log", "ab")
        command = [str(BINARY), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--db", str(self.folder / "db.sqlite"), "--price-interval", "1", "--bcrypt-cost", "4",
                   "--log-level", "warning", "--registrations-per-address", "1000"]
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"stocktracker serve exited: {(self.folder / 'server.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{self.base}/health", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"stocktracker serve did not answer in {timeout} s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log:
            self.log.close()
        self.process = None

    def close(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def call(self, method, path, body=None, token=None):
        """One JSON call; answers (status, decoded body or None)."""
        request = urllib.request.Request(f"{self.base}{path}", method=method,
                                         data=None if body is None else json.dumps(body).encode())
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                data = response.read()
                return response.status, json.loads(data) if data else None
        except urllib.error.HTTPError as error:
            data = error.read()
            return error.code, json.loads(data) if data else None

    def register_and_login(self, username, password):
        status, _ = self.call("POST", "/auth/register", {"username": username, "password": password})
        assert status == 201, status
        status, answer = self.call("POST", "/auth/login", {"username": username, "password": password})
        assert status == 200, status
        return answer["token"]

    def security_id(self, ticker):
        status, results = self.call("GET", f"/security?q={ticker}&limit=1")
        assert status == 200 and results and results[0]["ticker"] == ticker, (status, results)
        return results[0]["id"]
