"""Time per call of restore_access against the Python libraries people use for the same job,
on the same inputs, and the batch throughput of snils.is_valid_many. Not a test.

    target/py-venv/bin/pip install python-stdnum phonenumbers email-validator zxcvbn
    target/py-venv/bin/python bindings/python/bench/compare.py
"""

from __future__ import annotations

import time
from typing import Callable, Sequence

import phonenumbers
import zxcvbn
from email_validator import EmailNotValidError, validate_email
from stdnum.ru import inn as stdnum_inn

from restore_access import email, inn, password, phone, snils


def per_call(f: Callable[[str], object], inputs: Sequence[str], budget: float = 0.5) -> float:
    """Median over 5 runs of the seconds per call of f over inputs."""
    rounds = 1
    while True:
        t = time.perf_counter()
        for _ in range(rounds):
            for s in inputs:
                f(s)
        if time.perf_counter() - t > budget / 5:
            break
        rounds *= 2
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(rounds):
            for s in inputs:
                f(s)
        runs.append((time.perf_counter() - t) / (rounds * len(inputs)))
    return sorted(runs)[2]


def phonenumbers_valid(s: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(s, "RU"))
    except phonenumbers.NumberParseException:
        return False


def email_validator_valid(s: str) -> bool:
    try:
        validate_email(s, check_deliverability=False)
        return True
    except EmailNotValidError:
        return False


def row(what: str, ours: float, theirs: float, name: str) -> None:
    print(f"{what:<34} {ours * 1e9:>10.0f} ns {theirs * 1e9:>12.0f} ns  {name:<24} {theirs / ours:>8.1f}×")


def main() -> None:
    inns = ["7707083893", "500100732259", "005826107187", "7707083894", "500100732250", "12345"]
    phones = ["8 (916) 123-45-67", "+7 916 1234567", "79161234567", "8 (812) 123-45-67", "8-800-555-35-35", "+7 701 123 45 67"]
    emails = ["ivan.petrov@mail.ru", "Ivan.Petrov@Gosuslugi.RU", "user+tag@yandex.ru", "user@пример.рф", "ivan@localhost", "no-at-sign"]
    passwords = ["Sharik1599+", "koloBok_15!", "qwerty", "Ivanov4567!", "gfhjkm", "correct horse battery staple"]

    print(f"{'per call (median)':<34} {'ours':>13} {'theirs':>15}  {'library':<24} {'ratio':>9}")
    row("ИНН is_valid", per_call(inn.is_valid, inns), per_call(stdnum_inn.is_valid, inns), "python-stdnum ru.inn")
    row("phone is_valid (RU)", per_call(phone.is_valid, phones), per_call(phonenumbers_valid, phones), "phonenumbers parse+valid")
    row("e-mail is_valid", per_call(email.is_valid, emails), per_call(email_validator_valid, emails), "email-validator (no DNS)")
    row("password check (with strength)", per_call(password.check, passwords, 1.0), per_call(zxcvbn.zxcvbn, passwords, 1.0), "zxcvbn")

    numbers = [f"{i:011d}" for i in range(11_223_344_595, 11_224_344_595)]
    runs = []
    for _ in range(7):
        t = time.perf_counter()
        snils.is_valid_many(numbers)
        runs.append(time.perf_counter() - t)
    best, median = min(runs), sorted(runs)[3]
    print(f"\nsnils.is_valid_many, 1,000,000 numbers: median {median * 1e3:.1f} ms = "
          f"{len(numbers) / median / 1e6:.1f} M/s (best {len(numbers) / best / 1e6:.1f} M/s; goal 20 M/s)")


if __name__ == "__main__":
    main()
