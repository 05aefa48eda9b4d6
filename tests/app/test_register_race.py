"""Registration judges the roster read inside its own write transaction (S4/S8 with R7).

J2 (max_shifts 4) works 3 days of ``VALID_GRID``. Swap 1 hands J1's day 0 to J2 and swap 2
J1's day 2, neither with a pay-back: each alone gives J2 4 shifts (3 + 1 <= 4), both give
5 > 4, which R7 forbids. Two registrations at the same moment must not both pass. The
verdict is slowed by a barrier both registrations wait at (with a timeout), so a
registration that judged a roster read before its transaction would let both through.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier as ProcessBarrier
from pathlib import Path
from typing import Any

import pytest

import roster.app.swap as app_swap
from roster.checks import check_roster
from roster.ledger import Ledger, SwapRefused
from roster.model import Scenario
from tests.helpers import day, default_staff, person, tiny_scenario, valid_roster


def race_scenario() -> Scenario:
    staff = tuple(person("J2", max_shifts=4) if s.id == "J2" else s for s in default_staff())
    return tiny_scenario(staff=staff)


def _ledger_with_two_swaps(path: Path) -> tuple[int, int]:
    scenario = race_scenario()
    with Ledger.open(path) as ledger:
        ledger.publish(valid_roster(), name="week", start=scenario.start, end=scenario.end)
        ids = []
        for d in (0, 2):
            sid = ledger.request_swap("J1", day(d), "J2", None, requested_by="J1")
            ids.append(sid)
    for sid in ids:
        app_swap.approve(scenario, path, sid, "L1")
    return ids[0], ids[1]


def _slowed(wait: Callable[[], Any]) -> Callable[..., Any]:
    real = app_swap.swap_verdict

    def verdict(*args: Any, **kwargs: Any) -> Any:
        with contextlib.suppress(threading.BrokenBarrierError):
            wait()
        return real(*args, **kwargs)

    return verdict


def _outcome(path: Path, sid: int) -> str:
    try:
        app_swap.register(race_scenario(), path, sid, "L1")
    except SwapRefused as err:
        return str(err)
    return "registered"


def _check_one_won(path: Path, outcomes: dict[int, str]) -> None:
    assert sorted(outcomes.values()).count("registered") == 1, outcomes
    (refused,) = [o for o in outcomes.values() if o != "registered"]
    assert "R7" in refused or "S8" in refused, refused
    with Ledger.open(path) as ledger:
        current = ledger.current_roster()
    assert current is not None
    j2 = [a for a in current.assignments if a.staff_id == "J2"]
    assert len(j2) == 4  # 3 of its own + 1 by the one registered swap
    assert check_roster(race_scenario(), current) == []


def test_two_threads_registering_at_once_cannot_both_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "l.db"
    first, second = _ledger_with_two_swaps(path)
    barrier = threading.Barrier(2)
    monkeypatch.setattr(app_swap, "swap_verdict", _slowed(lambda: barrier.wait(timeout=1.0)))
    outcomes: dict[int, str] = {}

    def run(sid: int) -> None:
        outcomes[sid] = _outcome(path, sid)

    threads = [threading.Thread(target=run, args=(sid,)) for sid in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    _check_one_won(path, outcomes)


def _register_in_child(
    path: str, sid: int, barrier: ProcessBarrier, results: Queue[tuple[int, str]]
) -> None:
    try:
        app_swap.swap_verdict = _slowed(lambda: barrier.wait(timeout=1.0))  # type: ignore[assignment]
        results.put((sid, _outcome(Path(path), sid)))
    except Exception as exc:  # reported, so the parent fails fast instead of waiting
        results.put((sid, f"unexpected {exc!r}"))


def test_two_processes_registering_at_once_cannot_both_pass(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    first, second = _ledger_with_two_swaps(path)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results: Queue[tuple[int, str]] = ctx.Queue()
    procs = [
        ctx.Process(target=_register_in_child, args=(str(path), sid, barrier, results))
        for sid in (first, second)
    ]
    for p in procs:
        p.start()
    outcomes = dict(results.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    _check_one_won(path, outcomes)


def test_each_swap_alone_is_allowed(tmp_path: Path) -> None:
    """The race is the only reason one is refused: registered one after the other, the
    second sees the first and is refused by R7; registered alone, each passes."""
    for keep in (0, 1):
        path = tmp_path / f"alone{keep}.db"
        ids = _ledger_with_two_swaps(path)
        assert _outcome(path, ids[keep]) == "registered"
        assert "R7" in _outcome(path, ids[1 - keep])
    assert dataclasses.is_dataclass(race_scenario())
