"""R16 grants only pending leave that passes L1-L8: the solve and ``roster leave`` give one
verdict (the audit's finding 4).

The week is the tiny centre (J1 and J2 share the day shift's junior seat, 1 to 2 of them).
Two pending one-day requests for day 3, each worth the default R16 weight:
* ``OK``: J2's own, requested five days ahead, passes every L rule;
* ``BY-OTHER``: J1's, entered by J2 (L3: personal leave is requested in person).
"""

from __future__ import annotations

import datetime as dt

from roster.app.leave import decide, under_leave_rules
from roster.app.month import make_month
from roster.checks import check_roster, objective_of
from roster.checks.leave import leave_verdicts
from roster.checks.leave_roster import roster_leave_verdicts
from roster.model import LeaveRequest
from tests.helpers import day, tiny_scenario

ASKED = dt.datetime.combine(day(-5), dt.time(9))


def scenario():  # type: ignore[no-untyped-def]
    ok = LeaveRequest(
        "OK", "J2", day(3), day(3), status="pending", requested_at=ASKED, requested_by="J2"
    )
    other = LeaveRequest(
        "BY-OTHER",
        "J1",
        day(3),
        day(3),
        status="pending",
        requested_at=ASKED,
        requested_by="J2",
    )
    return tiny_scenario(leave=(ok, other))


def test_solve_does_not_grant_what_the_leave_rules_refuse() -> None:
    sc = scenario()
    [ok, other] = leave_verdicts(sc)
    assert ok.passes_rules
    assert [o.rule for o in other.failed] == ["L3"]
    # The solver's scenario prices the refused request at 0, the other one unchanged.
    ruled = under_leave_rules(sc)
    assert [sc.leave_weight(lv) for lv in ruled.leave] == [sc.weights.pending_leave, 0]

    report = make_month(sc, time_limit=10, workers=1, seed=0)
    roster = report.result.roster
    assert roster is not None
    assert check_roster(sc, roster) == []
    # The solver's objective agrees with the checker's on the scenario under the rules.
    assert report.result.objective == objective_of(ruled, roster)[0]
    verdicts = roster_leave_verdicts(sc, roster)
    assert verdicts[1].verdict == "refused by the leave rules"
    assert "L3" in verdicts[1].note
    assert not verdicts[1].grantable
    # R16 grants the valid request: J2 is off on day 3 and no R16 item remains for it.
    assert verdicts[0].verdict == "can be granted"
    assert not [p for p in objective_of(ruled, roster)[1] if p.rule == "R16"]


def test_roster_leave_gives_the_same_verdict() -> None:
    sc = scenario()
    report = make_month(sc, time_limit=10, workers=1, seed=0)
    assert report.result.roster is not None
    decided = decide(sc, report.result.roster, time_limit=10, workers=1)
    by_id = {v.request_id: v for v in decided.verdicts}
    assert [o.rule for o in by_id["BY-OTHER"].failed] == ["L3"]
    assert by_id["OK"].passes_rules
