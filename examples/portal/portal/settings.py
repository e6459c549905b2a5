"""What a portal process reads from its environment: the sealing keys and where it stores.

``PORTAL_SECRET``: the server secret, 32 to 64 bytes as hex; ``PORTAL_KEY_ID`` names it
(default ``k1``). Without it the secret is read from ``PORTAL_KEY_FILE`` (default
``target/portal/secret.key``), which is generated once with 32 random bytes: every process
that serves the portal must read the same one. ``REDIS_URL`` selects Redis for accounts,
budgets and the outbox; otherwise SQLite at ``PORTAL_DB`` (default
``target/portal/portal.sqlite3``).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from restore_access.codes import Keys

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "target" / "portal"


@dataclass(frozen=True)
class Settings:
    key_id: str
    secret: bytes
    redis_url: Optional[str]
    sqlite_path: Path

    @property
    def keys(self) -> Keys:
        return Keys(self.key_id, self.secret)

    @staticmethod
    def from_env(env: Mapping[str, str] = os.environ) -> Settings:
        hex_secret = env.get("PORTAL_SECRET")
        secret = bytes.fromhex(hex_secret) if hex_secret else key_file(Path(env.get("PORTAL_KEY_FILE", DATA / "secret.key")))
        return Settings(
            key_id=env.get("PORTAL_KEY_ID", "k1"),
            secret=secret,
            redis_url=env.get("REDIS_URL") or None,
            sqlite_path=Path(env.get("PORTAL_DB", DATA / "portal.sqlite3")),
        )


def key_file(path: Path) -> bytes:
    """The secret in ``path`` (hex), created with 32 random bytes if missing; of two processes
    starting at once, both read the one that was linked into place first."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_bytes(32).hex() + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return bytes.fromhex(path.read_text().strip())
