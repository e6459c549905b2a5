"""The store in one SQLite file, shared by every process of the portal on the machine.

``transact`` runs in a ``BEGIN IMMEDIATE`` transaction: the write lock is taken before the
budgets are read, so two requests spending one budget — in one process or two — run one
after the other, and each sees what the other stored. The password's compare-and-set is an
``UPDATE … WHERE version = ?`` in the same transaction. A budget row past its ``idle_at``
equals a fresh budget; a periodic ``DELETE FROM budgets WHERE idle_at <= unixepoch()``
keeps the table small.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Optional, Sequence

from restore_access import DetectedLogin

from .directory import AccountRecord, lookup_keys
from .stores import Message, Stale, Work, Writes

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY, phone TEXT, email TEXT, surname TEXT, documents TEXT NOT NULL,
    version INTEGER NOT NULL, phc TEXT
);
CREATE TABLE IF NOT EXISTS account_keys (key TEXT PRIMARY KEY, account TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS budgets (key TEXT PRIMARY KEY, sealed TEXT NOT NULL, idle_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (
    n INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, recipient TEXT NOT NULL,
    text TEXT NOT NULL, link TEXT, at REAL NOT NULL, decoy INTEGER NOT NULL DEFAULT 0
);
"""


class SqliteStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.local = threading.local()
        with self.db() as db:
            db.executescript(SCHEMA)

    def db(self) -> sqlite3.Connection:
        """This thread's connection, in autocommit mode: transactions are explicit."""
        db: Optional[sqlite3.Connection] = getattr(self.local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self.local.db = db
        return db

    def add(self, record: AccountRecord) -> None:
        db = self.db()
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM account_keys WHERE account = ?", (record.id,))
            db.execute(
                "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?)",
                (record.id, record.phone, record.email, record.surname, json.dumps(record.documents), record.version, record.phc),
            )
            db.executemany("INSERT OR REPLACE INTO account_keys VALUES (?, ?)", [(k, record.id) for k in record.index_keys()])
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def get(self, account_id: str) -> Optional[AccountRecord]:
        return self.one("SELECT * FROM accounts WHERE id = ?", [account_id])

    def find(self, login: DetectedLogin) -> Optional[AccountRecord]:
        keys = lookup_keys(login)
        return self.one(
            "SELECT accounts.* FROM account_keys JOIN accounts ON accounts.id = account_keys.account"
            f" WHERE key IN ({','.join('?' * len(keys))}) ORDER BY key LIMIT 1",
            keys,
        )

    def one(self, query: str, args: Sequence[str]) -> Optional[AccountRecord]:
        """The account the query's one row describes: known and unknown cost one query."""
        row = self.db().execute(query, args).fetchone()
        if row is None:
            return None
        id_, phone, email, surname, documents, version, phc = row
        return AccountRecord(id_, phone, email, surname, tuple(json.loads(documents)), version, phc)

    def transact(self, budget_keys: Sequence[str], work: Work) -> None:
        db = self.db()
        db.execute("BEGIN IMMEDIATE")
        try:
            stored: dict[str, Optional[str]] = dict.fromkeys(budget_keys, None) | dict(
                db.execute(f"SELECT key, sealed FROM budgets WHERE key IN ({','.join('?' * len(budget_keys))})", list(budget_keys)).fetchall()
            )
            writes = work(stored)
            db.executemany("INSERT OR REPLACE INTO budgets VALUES (?, ?, ?)", [(k, b.sealed, b.idle_at) for k, b in writes.budgets.items()])
            db.executemany(
                "INSERT INTO outbox (channel, recipient, text, link, at, decoy) VALUES (?, ?, ?, ?, ?, ?)",
                [(m.channel, m.to, m.text, m.link, m.at, m.decoy) for m in writes.outbox],
            )
            change = writes.password
            if change is not None:
                cur = db.execute(
                    "UPDATE accounts SET phc = ?, version = version + 1 WHERE id = ? AND version = ?",
                    (change.phc, change.account, change.expected_version),
                )
                if cur.rowcount != 1:
                    raise Stale(change.account)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def post(self, message: Message) -> None:
        self.transact([], lambda _: Writes(outbox=[message]))

    def outbox(self, limit: int = 50) -> list[Message]:
        rows = self.db().execute("SELECT channel, recipient, text, link, at FROM outbox WHERE NOT decoy ORDER BY n DESC LIMIT ?", (limit,))
        return [Message(*row) for row in rows]
