"""Stateless servers (issue 17, test 3): a flow started on one process finishes on the other,
and 200 concurrent wrong codes for one login, spread over both, never get more tries than
the budget — on SQLite and on Redis."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Iterator

import httpx
import pytest

import restore_access as ra
from restore_access import codes, flow

from conftest import Client, Portal
from walk import account, last_code, to_code_step, wrong

GUESSES = 200


@pytest.fixture(params=["sqlite", "redis"])
def portal(request: pytest.FixtureRequest) -> Iterator[Portal]:
    yield request.getfixturevalue(f"{request.param}_portal")


def guess_budget() -> int:
    """The library's budget of wrong codes for one login, counted the way an attacker spends
    it: one flow state at the code step, replayed, against budgets kept honestly."""
    keys = codes.Keys("probe", os.urandom(32))
    f = flow.Flow.gosuslugi(keys)
    f.handle(flow.Contact("+79160000001"))
    f.handle(flow.Document("45 10 000001"))
    f.handle(flow.AccountLookup(flow.Account("probe", phone="+79160000001", documents=["45 10 000001"])))
    stored: dict[str, str] = {}

    def spend(sealed: str, inp: flow.Input) -> str:
        g = flow.Flow.open(keys, sealed, portal="gosuslugi")
        budgets = {k: flow.Budget.open(keys, k, stored[k]) if k in stored else flow.Budget() for k in g.budget_keys(inp)}
        g.handle(inp, budgets=budgets)
        stored.update({k: b.seal(keys, k) for k, b in budgets.items()})
        return g.seal()

    at_code = spend(f.seal(), flow.HumanCheckPassed())
    tries = 0
    while True:
        try:
            spend(at_code, flow.Code("000000"))
        except ra.FlowError:
            return tries
        tries += 1


def test_a_flow_started_on_one_process_finishes_on_the_other(portal: Portal) -> None:
    record = account(1)
    portal.add(record)
    a, b = portal.urls
    client = Client(a)
    try:
        client.get("/gosuslugi")
        client.post("/gosuslugi", b, do="contact", contact=record.phone or "")
        client.post("/gosuslugi", a, do="document", document=record.documents[0])
        page = client.post("/gosuslugi", b, do="human", human="yes")
        assert 'id="code"' in page.text
        code = last_code(portal.store(), record.phone or "")
        page = client.post("/gosuslugi", a, do="code", code=code)
        assert 'autocomplete="new-password"' in page.text
        page = client.post("/gosuslugi", b, do="password", password="Sharik1599+")
        assert 'id="home"' in page.text, page.text
    finally:
        client.close()
    stored = portal.store().get(record.id)
    assert stored is not None and stored.version == 1 and stored.phc


def test_concurrent_wrong_codes_never_exceed_the_budget(portal: Portal, request: pytest.FixtureRequest) -> None:
    budget = guess_budget()
    assert budget > 0
    record = account(2)
    portal.add(record)
    client = Client(portal.urls[0])
    to_code_step(client, record)
    code = last_code(portal.store(), record.phone or "")
    cookies, token = dict(client.http.cookies), client.token or ""
    client.close()

    def guess(i: int) -> str:
        # Every request replays the same cookies, as an attacker would.
        with httpx.Client(base_url=portal.urls[i % 2], cookies=cookies, timeout=60) as http:
            page = http.post("/gosuslugi", data={"csrf_token": token, "do": "code", "code": wrong(code)})
        if 'id="rejected"' in page.text:
            return "try"
        if 'id="error"' in page.text:
            return "refused"
        return f"other {page.status_code}"

    with ThreadPoolExecutor(max_workers=32) as pool:
        answers = list(pool.map(guess, range(GUESSES)))
    tries, refused = answers.count("try"), answers.count("refused")
    print(f"\n{request.node.callspec.id}: {GUESSES} concurrent wrong codes over 2 processes: {tries} tries accepted, {refused} refused, budget {budget}")
    assert tries + refused == GUESSES, answers
    assert tries <= budget
    # Nothing was lost: the budget is spent, and even the right code is refused now.
    with httpx.Client(base_url=portal.urls[1], cookies=cookies) as http:
        page = http.post("/gosuslugi", data={"csrf_token": token, "do": "code", "code": code})
    assert 'id="error"' in page.text and 'autocomplete="new-password"' not in page.text
    assert tries == budget
