"""A tampered or replayed cookie (issue 17, test 4), and a POST from elsewhere: each gets a
clear page and changes nothing."""

from __future__ import annotations

from conftest import Client, Portal
from walk import account, last_code, to_code_step

from portal.stores import Store


def snapshot(store: Store, account_id: str) -> tuple[object, ...]:
    return store.get(account_id), tuple(store.outbox(1000))


def test_a_tampered_cookie_gets_a_clear_page_and_changes_nothing(sqlite_portal: Portal, client: Client) -> None:
    record = account(11)
    sqlite_portal.add(record)
    to_code_step(client, record)
    store = sqlite_portal.store()
    sealed = client.http.cookies["flow_gosuslugi"]
    before = snapshot(store, record.id)
    for forged in [sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1], sealed[:100], "", "x" * len(sealed)]:
        client.http.cookies.set("flow_gosuslugi", forged, domain="127.0.0.1")
        page = client.post("/gosuslugi", do="code", code="123456")
        assert page.status_code == 400 and 'id="error"' in page.text and 'id="restart"' in page.text
        assert "Не удалось продолжить восстановление. Начните заново." in page.text
        assert "flow_gosuslugi" not in client.http.cookies  # the page cleared it
    assert snapshot(store, record.id) == before


def test_a_replayed_cookie_cannot_set_the_password_twice(sqlite_portal: Portal, client: Client) -> None:
    record = account(12)
    sqlite_portal.add(record)
    to_code_step(client, record)
    store = sqlite_portal.store()
    at_code = dict(client.http.cookies)
    code = last_code(store, record.phone or "")
    client.post("/gosuslugi", do="code", code=code)
    at_password = dict(client.http.cookies)
    done = client.post("/gosuslugi", do="password", password="Sharik1599+")
    assert 'id="home"' in done.text
    changed = store.get(record.id)
    assert changed is not None and changed.version == 1

    # The cookies from the password step, proof and all, sent again with another password.
    client.http.cookies.clear()
    client.http.cookies.update(at_password)
    page = client.post("/gosuslugi", do="password", password="koloBok_15!")
    assert page.status_code == 400 and "Пароль уже был изменён." in page.text
    # From the code step: the copy of the state still takes the code (the state cannot know
    # it was used) and hands over a new proof, and the compare-and-set refuses all the same.
    client.http.cookies.clear()
    client.http.cookies.update(at_code)
    client.post("/gosuslugi", do="code", code=code)
    page = client.post("/gosuslugi", do="password", password="koloBok_15!")
    assert page.status_code == 400 and "Пароль уже был изменён." in page.text
    assert store.get(record.id) == changed


def test_a_post_without_the_csrf_token_or_from_another_site_is_refused(sqlite_portal: Portal, client: Client) -> None:
    record = account(13)
    sqlite_portal.add(record)
    client.get("/gosuslugi")
    sealed = client.http.cookies["flow_gosuslugi"]
    for data, headers in [
        ({"do": "contact", "contact": record.phone or ""}, {}),
        ({"do": "contact", "contact": record.phone or "", "csrf_token": "forged.token"}, {}),
        ({"do": "contact", "contact": record.phone or "", "csrf_token": client.token or ""}, {"origin": "https://evil.example"}),
    ]:
        page = client.http.post("/gosuslugi", data=data, headers=headers)
        assert page.status_code == 403 and "форма отправлена не с этого сайта" in page.text
        assert client.http.cookies["flow_gosuslugi"] == sealed
    assert client.http.post("/api/password", json={"password": "x"}).status_code == 403
    checked = client.http.post("/api/password", json={"password": "qwerty"}, headers={"x-csrf-token": client.token or ""})
    assert checked.status_code == 200 and not checked.json()["ok"]
