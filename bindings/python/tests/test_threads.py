"""Batch checks release the GIL: another Python thread runs while one is inside
is_valid_many. The test cannot pass if the GIL were held: with the switch interval raised,
the counting thread only gets the GIL when the calling thread gives it up. The control, a
builtin that holds the GIL (`sorted`) measured the same way, shows no progress at all."""

from __future__ import annotations

import sys
import threading
import time

from restore_access import snils


def test_another_thread_runs_during_a_batch() -> None:
    numbers = [str(11223344595 + i) for i in range(1_000_000)]
    count = [0]
    stop = threading.Event()

    def counter() -> None:
        while not stop.is_set():
            count[0] += 1
            time.sleep(0)  # gives the GIL back at once, so the caller is never delayed

    old = sys.getswitchinterval()
    sys.setswitchinterval(100.0)  # no forced switches: the GIL moves only when released
    thread = threading.Thread(target=counter)
    try:
        thread.start()
        time.sleep(0.05)
        before = count[0]
        sorted(numbers, reverse=True)
        control = count[0] - before
        progress = []
        for _ in range(5):  # on a busy machine the counter may miss one window, not five
            before = count[0]
            result = snils.is_valid_many(numbers)
            progress.append(count[0] - before)
            if progress[-1] > 0:
                break
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(old)
    assert result == [snils.is_valid(n) for n in numbers]
    assert control == 0, "the measurement itself lets threads run"
    assert max(progress) > 0, f"no other thread ran during any batch: {progress}"


def test_concurrent_batches_agree() -> None:
    numbers = [str(11223344595 + i) for i in range(200_000)]
    expected = snils.is_valid_many(numbers)
    results: list[list[bool]] = []
    threads = [threading.Thread(target=lambda: results.append(snils.is_valid_many(numbers))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
    assert sum(expected) == sum(snils.is_valid(n) for n in numbers)
