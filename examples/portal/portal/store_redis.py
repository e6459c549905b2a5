"""The store in Redis, for portals whose processes run on several machines.

``transact`` is optimistic: it WATCHes the budget keys (and the account whose password it
sets) before reading them, and writes everything in one MULTI/EXEC. When another request
changed a watched key in between, EXEC fails, nothing is written, and the step runs again
on what that request stored — so no guess or send is lost. The password's compare-and-set
reads the account's version under the same WATCH. A budget expires at its ``idle_at``, when
it equals a fresh one.
"""

from __future__ import annotations

import json
from typing import Optional, Sequence, cast

import redis

from restore_access import DetectedLogin

from .directory import AccountRecord, lookup_keys
from .stores import Message, Stale, Work

OUTBOX = "portal:outbox"
OUTBOX_KEPT = 500
TRIES = 100
# The first account any of KEYS names, in one round trip whether it exists or not.
FIND = """
for _, key in ipairs(KEYS) do
    local id = redis.call('GET', key)
    if id then return {id, redis.call('HGETALL', 'portal:account:' .. id)} end
end
return false
"""


def account_key(account_id: str) -> str:
    return f"portal:account:{account_id}"


def budget_key(key: str) -> str:
    return f"portal:budget:{key}"


def index_key(key: str) -> str:
    return f"portal:login:{key}"


class Busy(Exception):
    """A step lost the race ``TRIES`` times in a row: nothing was written."""


class RedisStore:
    def __init__(self, url: str) -> None:
        self.redis = redis.Redis.from_url(url, decode_responses=True)
        self.find_script = self.redis.register_script(FIND)

    def add(self, record: AccountRecord) -> None:
        fields: dict[str, str | int] = {
            "phone": record.phone or "",
            "email": record.email or "",
            "surname": record.surname or "",
            "documents": json.dumps(record.documents),
            "version": record.version,
            "phc": record.phc or "",
        }
        with self.redis.pipeline() as pipe:
            pipe.hset(account_key(record.id), mapping=fields)  # type: ignore[arg-type]  # a dict is invariant in its key
            for key in record.index_keys():
                pipe.set(index_key(key), record.id)
            pipe.execute()

    def get(self, account_id: str) -> Optional[AccountRecord]:
        return record(account_id, cast(dict[str, str], self.redis.hgetall(account_key(account_id))))

    def find(self, login: DetectedLogin) -> Optional[AccountRecord]:
        found = self.find_script(keys=[index_key(k) for k in sorted(lookup_keys(login))])
        if not found:
            return None
        account_id, flat = found
        return record(account_id, dict(zip(flat[::2], flat[1::2])))

    def transact(self, budget_keys: Sequence[str], work: Work) -> None:
        names = [budget_key(k) for k in budget_keys]
        for _ in range(TRIES):
            with self.redis.pipeline() as pipe:
                try:
                    if names:
                        pipe.watch(*names)  # type: ignore[no-untyped-call]
                    stored = cast(dict[str, Optional[str]], dict(zip(budget_keys, pipe.mget(names))) if names else {})
                    writes = work(stored)
                    change = writes.password
                    if change is not None:
                        pipe.watch(account_key(change.account))  # type: ignore[no-untyped-call]
                        version = pipe.hget(account_key(change.account), "version")
                        if version is None or int(version) != change.expected_version:
                            raise Stale(change.account)
                    pipe.multi()
                    for key, budget in writes.budgets.items():
                        pipe.set(budget_key(key), budget.sealed, exat=max(budget.idle_at, 1))
                    for message in writes.outbox:
                        pipe.lpush(OUTBOX, encode(message))
                    if writes.outbox:
                        pipe.ltrim(OUTBOX, 0, OUTBOX_KEPT - 1)
                    if change is not None:
                        pipe.hset(account_key(change.account), mapping={"phc": change.phc, "version": change.expected_version + 1})
                    pipe.execute()
                    return
                except redis.WatchError:
                    continue
        raise Busy()

    def post(self, message: Message) -> None:
        with self.redis.pipeline() as pipe:
            pipe.lpush(OUTBOX, encode(message))
            pipe.ltrim(OUTBOX, 0, OUTBOX_KEPT - 1)
            pipe.execute()

    def outbox(self, limit: int = 50) -> list[Message]:
        kept = (Message(**json.loads(m)) for m in self.redis.lrange(OUTBOX, 0, OUTBOX_KEPT - 1))
        return [m for m in kept if not m.decoy][:limit]


def record(account_id: str, fields: dict[str, str]) -> Optional[AccountRecord]:
    if not fields:
        return None
    return AccountRecord(
        account_id,
        phone=fields["phone"] or None,
        email=fields["email"] or None,
        surname=fields["surname"] or None,
        documents=tuple(json.loads(fields["documents"])),
        version=int(fields["version"]),
        phc=fields["phc"] or None,
    )


def encode(message: Message) -> str:
    return json.dumps(
        {"channel": message.channel, "to": message.to, "text": message.text, "link": message.link, "at": message.at, "decoy": message.decoy}
    )
