"""Enumeration over HTTP (issue 17, test 2): for a known and an unknown login every response
is the same — status, the headers that matter, the body without the CSRF token and the
sealed cookie — at every step of both portals, and the median time of each step is within
10 % over 200 runs each, measured in-process with keep-alive clients."""

from __future__ import annotations

import re
import statistics
import time
from typing import Callable

import httpx
import pytest

from conftest import CSRF, Portal
from walk import account

RUNS = 200
HEADERS = ("content-type", "content-length", "cache-control", "location", "referrer-policy", "content-security-policy")
EXPIRES = re.compile(r"expires=[^;]*; ")  # a date, like the Date header
WAIT = re.compile(r'data-wait="(\d+)"')

Step = tuple[str, Callable[[str], dict[str, str]]]  # the path and the form for a login

GOSUSLUGI: list[Step] = [
    ("contact", lambda login: {"do": "contact", "contact": login}),
    ("document", lambda login: {"do": "document", "document": "45 10 777777"}),
    ("human check", lambda login: {"do": "human", "human": "yes"}),
    ("wrong code", lambda login: {"do": "code", "code": "000000"}),
    ("resend too soon", lambda login: {"do": "resend"}),
    ("no access", lambda login: {"do": "no_access"}),
]
MOSRU: list[Step] = [
    ("login and surname", lambda login: {"do": "login", "login": login, "surname": "Кузнецов"}),
    ("wrong code", lambda login: {"do": "code", "code": "000000"}),
    ("nothing arrived too early", lambda login: {"do": "nothing_arrived"}),
    ("no access", lambda login: {"do": "no_access"}),
]


def seen(response: httpx.Response, token: str) -> tuple[object, ...]:
    """What an observer compares: the status, the headers that matter, the cookies set (name
    and attributes, not the value), the body without this browser's CSRF token."""
    cookies = sorted(EXPIRES.sub("", re.sub(r"=[^;]*", "=…", c, count=1)) for c in response.headers.get_list("set-cookie"))
    body = response.text.replace(token, "TOKEN")
    waits = [int(w) for w in WAIT.findall(body)]
    return (response.status_code, tuple(response.headers.get(h) for h in HEADERS), tuple(cookies), WAIT.sub('data-wait="…"', body), waits)


def walk(http: httpx.Client, portal: str, steps: list[Step], login: str, times: dict[str, list[float]]) -> list[tuple[object, ...]]:
    http.cookies.clear()
    t = time.perf_counter()
    first = http.get(f"/{portal}")
    times["start"].append(time.perf_counter() - t)
    found = CSRF.search(first.text)
    assert found
    token = found.group(1)
    out = [seen(first, token)]
    for name, form in steps:
        t = time.perf_counter()
        response = http.post(f"/{portal}", data={"csrf_token": token, **form(login)})
        times[name].append(time.perf_counter() - t)
        out.append(seen(response, token))
    return out


@pytest.mark.parametrize(("portal", "steps"), [("gosuslugi", GOSUSLUGI), ("mosru", MOSRU)])
def test_known_and_unknown_logins_look_alike(sqlite_portal: Portal, portal: str, steps: list[Step]) -> None:
    offset = 1000 if portal == "gosuslugi" else 2000
    known = [account(offset + i) for i in range(RUNS)]
    known = [type(r)(r.id, phone=r.phone, surname=r.surname, documents=("45 10 777777",)) for r in known]
    sqlite_portal.add(*known)
    names = ["start", *(name for name, _ in steps)]
    times: dict[str, dict[str, list[float]]] = {kind: {n: [] for n in names} for kind in ("known", "unknown")}
    base = sqlite_portal.urls[0]
    with httpx.Client(base_url=base, timeout=30) as k, httpx.Client(base_url=base, timeout=30) as u:
        for i, record in enumerate(known):
            unknown_phone = f"+7926{5000000 + offset + i:07d}"
            # Alternate which goes first, so neither always runs on a warmer cache.
            order = [("known", k, record.phone or ""), ("unknown", u, unknown_phone)]
            pages = {kind: walk(http, portal, steps, login, times[kind]) for kind, http, login in (order if i % 2 else order[::-1])}
            for n, (a, b) in enumerate(zip(pages["known"], pages["unknown"])):
                assert a[:4] == b[:4], f"run {i}, step {names[n]}: the known and unknown logins differ"
                assert all(abs(x - y) <= 1 for x, y in zip(a[4], b[4]))  # type: ignore[arg-type]
    print(f"\n{portal}: median per step over {RUNS} runs, known vs unknown")
    worst = 0.0
    for name in names:
        mk, mu = statistics.median(times["known"][name]), statistics.median(times["unknown"][name])
        off = abs(mk - mu) / min(mk, mu)
        worst = max(worst, off)
        print(f"  {name:28} {mk * 1e3:7.3f} ms  {mu * 1e3:7.3f} ms  {off * 100:5.1f} %")
    assert worst <= 0.10, f"a step's medians differ by {worst * 100:.1f} %"
