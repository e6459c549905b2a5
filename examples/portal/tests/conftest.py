"""Real portal processes for the tests: uvicorn on loopback ports, sharing one SQLite file or
one Redis server (started and stopped here), with a client that fills in the CSRF field the
way the pages' forms do."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

import httpx
import pytest

from portal.directory import AccountRecord
from portal.settings import REPO, Settings
from portal.stores import Store, open_store

PORTAL_DIR = Path(__file__).resolve().parents[1]
SECRET = bytes(range(32)).hex()
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the server on port {port} did not start:\n{log.read_text()}")


@dataclass
class Portal:
    """Portal processes sharing one store; ``urls[i]`` is process i."""

    urls: list[str]
    env: dict[str, str]

    def store(self) -> Store:
        return open_store(Settings.from_env(self.env))

    def add(self, *records: AccountRecord) -> None:
        store = self.store()
        for record in records:
            store.add(record)


class Client:
    """A browser without JavaScript: keeps its cookies (one jar for every process, as a
    browser keeps one per host) and sends each form with the page's CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = httpx.Client(base_url=base, timeout=30, follow_redirects=True)
        self.token: Optional[str] = None

    def get(self, path: str) -> httpx.Response:
        return self.seen(self.http.get(path))

    def post(self, path: str, base: Optional[str] = None, **form: str) -> httpx.Response:
        url = (base or self.base) + path
        return self.seen(self.http.post(url, data={"csrf_token": self.token or "", **form}))

    def seen(self, response: httpx.Response) -> httpx.Response:
        found = CSRF.search(response.text)
        if found:
            self.token = found.group(1)
        return response

    def close(self) -> None:
        self.http.close()


def start_portal(tmp: Path, env: dict[str, str], processes: int) -> Iterator[Portal]:
    procs, urls = [], []
    try:
        for i in range(processes):
            port = free_port()
            log = tmp / f"portal-{port}.log"
            with log.open("wb") as out:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "portal", "--port", str(port)],
                    cwd=PORTAL_DIR,
                    env={**os.environ, **env},
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            procs.append(proc)
            wait_for(port, proc, log)
            urls.append(f"http://127.0.0.1:{port}")
        yield Portal(urls, env)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def sqlite_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    """Two processes on one SQLite file."""
    tmp = tmp_path_factory.mktemp("sqlite")
    yield from start_portal(tmp, {"PORTAL_SECRET": SECRET, "PORTAL_DB": str(tmp / "portal.sqlite3"), "REDIS_URL": ""}, 2)


@pytest.fixture(scope="session")
def redis_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    """Two processes on one Redis server, which runs only for these tests."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("SKIP: redis-server is not installed (apt-get install redis-server)")
    tmp = tmp_path_factory.mktemp("redis")
    port = free_port()
    log = tmp / "redis.log"
    with log.open("wb") as out:
        redis = subprocess.Popen(
            [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(port, redis, log)
        yield from start_portal(tmp, {"PORTAL_SECRET": SECRET, "REDIS_URL": f"redis://127.0.0.1:{port}/0"}, 2)
    finally:
        redis.terminate()
        redis.wait(timeout=10)


@pytest.fixture
def client(sqlite_portal: Portal) -> Iterator[Client]:
    c = Client(sqlite_portal.urls[0])
    yield c
    c.close()


SCREENSHOTS = Path(os.environ.get("PORTAL_SCREENSHOTS", REPO / "target" / "portal-screenshots"))
