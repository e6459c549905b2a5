"""The steps the HTTP tests share: walking a flow to its code step, reading what was sent."""

from __future__ import annotations

import re
from typing import Optional

import httpx

from conftest import Client

from portal.directory import AccountRecord
from portal.stores import Store

CODE = re.compile(r"(\d{6})")


def account(n: int, *, surname: str = "Кузнецов") -> AccountRecord:
    """A test account of its own phone, so that no two tests share a budget."""
    return AccountRecord(f"t-{n}", phone=f"+7916{5000000 + n:07d}", surname=surname, documents=(f"45 10 {100000 + n:06d}",))


def to_code_step(client: Client, record: AccountRecord, portal: str = "gosuslugi", base: Optional[str] = None) -> httpx.Response:
    """Starts a flow (GET) on ``client.base`` and walks it to the code page, each POST on
    ``base`` (default: the same process)."""
    client.get(f"/{portal}")
    assert record.phone
    if portal == "gosuslugi":
        client.post("/gosuslugi", base, do="contact", contact=record.phone)
        client.post("/gosuslugi", base, do="document", document=record.documents[0])
        page = client.post("/gosuslugi", base, do="human", human="yes")
    else:
        page = client.post("/mosru", base, do="login", login=record.phone, surname=record.surname or "")
    assert 'id="code"' in page.text, page.text
    return page


def last_code(store: Store, phone: str) -> str:
    """The code of the newest SMS to ``phone`` in the outbox."""
    for message in store.outbox():
        if message.channel == "sms" and message.to == phone:
            found = CODE.search(message.text)
            assert found
            return found.group(1)
    raise AssertionError(f"no SMS to {phone}")


def wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"

