"""The password step checks the new password against the person being recovered: a stateless
server keeps nothing of them between requests, and loads them by ``Flow.account_id``."""

from __future__ import annotations

from conftest import Client, Portal
from walk import account, last_code, to_code_step


def test_the_new_password_may_not_hold_the_persons_own_surname(sqlite_portal: Portal, client: Client) -> None:
    record = account(41, surname="Шелестов")
    sqlite_portal.add(record)
    to_code_step(client, record)
    store = sqlite_portal.store()
    client.post("/gosuslugi", do="code", code=last_code(store, record.phone or ""))
    page = client.post("/gosuslugi", do="password", password="Shelestov1599+")
    assert "Пароль не должен содержать вашу фамилию." in page.text
    unchanged = store.get(record.id)
    assert unchanged is not None and unchanged.version == 0
    done = client.post("/gosuslugi", do="password", password="Sharik1599+")
    assert 'id="home"' in done.text
    changed = store.get(record.id)
    assert changed is not None and changed.version == 1
