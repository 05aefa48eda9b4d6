"""The web app through HTTP (FastAPI's test client): who may open what, CSRF, escaping,
the login limit, first-login codes, the calendar feed, the language switch, uploads.

The centre is tests/web/site.py: team T1 (J1, J2 juniors, L1-L4 leaders), team T2 (L5,
K1), approvers H1 (department head), C1 (centre director), B1 (manager).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from roster.app import desk
from roster.app import swap as swaps
from roster.web.server import create_app
from tests.helpers import day
from tests.web.site import EVIL, PASSWORD, make_site

SECRET = "test-secret-" * 4


@pytest.fixture
def site(tmp_path: Path):  # type: ignore[no-untyped-def]
    scenario, ledger = make_site(tmp_path)
    return scenario, ledger, create_app(scenario, ledger, secret=SECRET)


def token(client: TestClient, path: str = "/login") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


def logged_in(app, who: str | None) -> TestClient:  # type: ignore[no-untyped-def]
    client = TestClient(app, follow_redirects=False)
    if who is not None:
        r = client.post(
            "/login", data={"staff_id": who, "password": PASSWORD, "csrf": token(client)}
        )
        assert r.status_code == 303, r.text
    return client


# -- who may open what ----------------------------------------------------------------

ROLES = {
    "anonymous": None,
    "agent": "J1",
    "leader": "L1",
    "department head": "H1",
    "director": "C1",
    "manager": "B1",
}

PAGES = {
    # path: expected status per role (anonymous is 303 to /login for pages, 401 for API)
    "/healthz": dict.fromkeys(ROLES, 200),
    "/me": {"anonymous": 303} | dict.fromkeys(list(ROLES)[1:], 200),
    "/team": {"anonymous": 303} | dict.fromkeys(list(ROLES)[1:], 200),
    "/swap/check?date=2026-03-05&with=J2&payback=2026-03-08": {"anonymous": 303}
    | dict.fromkeys(list(ROLES)[1:], 200),
    "/swap/suggest?date=2026-03-05": {"anonymous": 303} | dict.fromkeys(list(ROLES)[1:], 200),
    "/requests": {"anonymous": 303} | dict.fromkeys(list(ROLES)[1:], 200),
    "/leave/new": {"anonymous": 303} | dict.fromkeys(list(ROLES)[1:], 200),
    "/lead/queue": {"anonymous": 303, "agent": 403}
    | dict.fromkeys(["leader", "department head", "director", "manager"], 200),
    "/lead/publish": {"anonymous": 303, "leader": 200}
    | dict.fromkeys(["agent", "department head", "director", "manager"], 403),
    "/lead/coverage": {"anonymous": 303, "leader": 200}
    | dict.fromkeys(["agent", "department head", "director", "manager"], 403),
    "/lead/roster.xlsx": {"anonymous": 303, "leader": 200}
    | dict.fromkeys(["agent", "department head", "director", "manager"], 403),
    "/centre/coverage": {"anonymous": 303, "agent": 403, "leader": 403}
    | dict.fromkeys(["department head", "director", "manager"], 200),
    "/audit": {"anonymous": 303, "agent": 403, "leader": 403}
    | dict.fromkeys(["department head", "director", "manager"], 200),
    "/api/me": {"anonymous": 401} | dict.fromkeys(list(ROLES)[1:], 200),
    # approvers are not rostered: they have no shift to swap (400, not a permission)
    "/api/swap/check?date=2026-03-05&with=J2": {"anonymous": 401, "agent": 200, "leader": 200}
    | dict.fromkeys(["department head", "director", "manager"], 400),
    "/api/lead/queue": {"anonymous": 401, "agent": 403}
    | dict.fromkeys(["leader", "department head", "director", "manager"], 200),
}


def test_every_page_as_every_role(site) -> None:  # type: ignore[no-untyped-def]
    _, _, app = site
    for role, who in ROLES.items():
        client = logged_in(app, who)
        for path, expected in PAGES.items():
            status = client.get(path).status_code
            assert status == expected[role], (role, path, status)


def test_only_the_named_colleague_accepts_and_only_their_leaders_approve(site) -> None:  # type: ignore[no-untyped-def]
    scenario, ledger, app = site
    # J1 hands day 3 to J2 and works J2's day 6 (a like-for-like swap of VALID_GRID).
    sid = swaps.request(ledger, swaps.proposal(scenario, "J1", day(3), "J2", day(6)), "J1")
    for who, expected in (("J1", 403), ("L1", 403), ("K1", 403), ("J2", 303)):
        client = logged_in(app, who)
        r = client.post(f"/swap/{sid}/accept", data={"csrf": token(client, "/me")})
        assert r.status_code == expected, (who, r.status_code)
    for who, expected in (("J1", 403), ("L5", 403), ("H1", 403), ("L1", 303)):
        client = logged_in(app, who)
        r = client.post(f"/lead/swap/{sid}/approve", data={"csrf": token(client, "/me")})
        assert r.status_code == expected, (who, r.status_code)
    assert swaps.listing(ledger, "approved")[0].approved_a_by == "L1"


def test_leave_is_approved_at_its_l2_level_only(site) -> None:  # type: ignore[no-untyped-def]
    scenario, ledger, app = site
    # One day of J1's personal leave, asked a week ahead: the department head's level.
    answer = desk.ask_leave(
        scenario,
        ledger,
        "J1",
        day(5),
        day(5),
        "personal",
        certificate=False,
        phoned=False,
        now=dt.datetime.combine(day(-2), dt.time(9)),
    )
    assert answer.approver_level == "department_head"
    rid = int(answer.request_id[1:])
    for who, expected in (("J1", 403), ("L1", 403), ("C1", 403), ("H1", 303)):
        client = logged_in(app, who)
        r = client.post(f"/lead/leave/{rid}/approve", data={"csrf": token(client, "/me")})
        assert r.status_code == expected, (who, r.status_code)
    decided = desk.judge_leave(scenario, ledger, answer.request_id)
    assert decided.verdict.passes_rules  # approved by H1, who holds the level's role


def test_a_post_without_the_csrf_token_is_refused(site) -> None:  # type: ignore[no-untyped-def]
    _, _, app = site
    client = logged_in(app, "J1")
    r = client.post("/swap/request", data={"date": "2026-03-05", "with": "J2"})
    assert r.status_code == 403
    assert client.post("/logout", data={}).status_code == 403
    anonymous = TestClient(app, follow_redirects=False)
    r = anonymous.post("/login", data={"staff_id": "J1", "password": PASSWORD})
    assert r.status_code == 403


def test_names_are_escaped_everywhere(site) -> None:  # type: ignore[no-untyped-def]
    _, _, app = site
    client = logged_in(app, "J2")  # J2's own name is the script
    for path in ("/me", "/team", "/swap/check?date=2026-03-07&with=J1", "/requests"):
        body = client.get(path).text
        assert EVIL not in body, path
    assert "&lt;script&gt;" in client.get("/team").text


def test_failed_logins_are_limited_per_staff_id(site) -> None:  # type: ignore[no-untyped-def]
    _, _, app = site
    client = TestClient(app, follow_redirects=False)
    statuses = [
        client.post(
            "/login", data={"staff_id": "J1", "password": "wrong", "csrf": token(client)}
        ).status_code
        for _ in range(6)
    ]
    # 5 failures are allowed in the window (LOGIN_FAILURES), the 6th attempt is refused
    assert statuses == [401] * 5 + [429]
    right = client.post(
        "/login", data={"staff_id": "J1", "password": PASSWORD, "csrf": token(client)}
    )
    assert right.status_code == 429  # even the right password waits out the window


def test_session_cookie_is_httponly_lax_and_expiring(site) -> None:  # type: ignore[no-untyped-def]
    _, _, app = site
    client = TestClient(app, follow_redirects=False)
    r = client.post("/login", data={"staff_id": "J1", "password": PASSWORD, "csrf": token(client)})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "max-age=28800" in cookie  # 8 hours


def test_first_login_code_then_a_password(tmp_path: Path) -> None:
    from roster.app.record import publish
    from tests.web.site import web_roster, web_scenario

    scenario, ledger = web_scenario(), tmp_path / "fresh.db"
    publish(scenario, ledger, web_roster(), name="week", source="tests")
    codes = {sid: code for sid, _, code in desk.import_users(scenario, ledger)}
    # 9 staff (L1-L5, J1, J2, M1, K1) and 3 approvers, none with a password yet
    assert len(codes) == 12
    app = create_app(scenario, ledger, secret=SECRET)
    client = TestClient(app, follow_redirects=False)
    r = client.post(
        "/login", data={"staff_id": "K1", "password": codes["K1"], "csrf": token(client)}
    )
    assert (r.status_code, r.headers["location"]) == (303, "/password")
    assert client.get("/me").status_code == 303  # nothing else until a password is chosen
    r = client.post("/password", data={"password": "short", "csrf": token(client, "/password")})
    assert r.status_code == 400
    r = client.post(
        "/password", data={"password": "a long new password", "csrf": token(client, "/password")}
    )
    assert (r.status_code, r.headers["location"]) == (303, "/me")
    assert client.get("/me").status_code == 200
    assert desk.authenticate(ledger, "K1", codes["K1"]) is None  # the code was used up
    assert desk.authenticate(ledger, "K1", "a long new password") == "password"
    assert desk.import_users(scenario, ledger)[0][0] != "K1"  # K1 gets no new code


def test_calendar_feed_is_secret_and_lists_my_shifts(site) -> None:  # type: ignore[no-untyped-def]
    _, ledger, app = site
    secret = desk.ics_token(ledger, "J1")
    assert secret is not None
    client = TestClient(app)
    r = client.get(f"/ics/{secret}.ics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/calendar")
    # J1 works D on days 0-3 of VALID_GRID: 4 events, 08:00-20:00
    assert r.text.count("BEGIN:VEVENT") == 4
    assert "DTSTART:20260302T080000" in r.text
    assert client.get("/ics/not-a-token.ics").status_code == 404


def test_the_language_switch_keeps_the_centres_terms(site) -> None:  # type: ignore[no-untyped-def]
    _, _, app = site
    client = logged_in(app, "J1")
    assert "换班" in client.get("/swap/check").text  # Chinese by default
    client.get("/lang/en?next=/me")
    english = client.get("/swap/check").text
    assert "Can I swap?" in english
    assert "(還班)" in english  # the rule book's term stays beside the English


def test_upload_is_size_limited(site, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import roster.web.lead as lead

    _, _, app = site
    monkeypatch.setattr(lead, "MAX_UPLOAD", 100)
    client = logged_in(app, "L1")
    r = client.post(
        "/lead/publish",
        data={"csrf": token(client, "/lead/publish")},
        files={"workbook": ("big.xlsx", b"x" * 101)},
    )
    assert r.status_code == 413


def test_openapi_schema_is_served(site) -> None:  # type: ignore[no-untyped-def]
    _, _, app = site
    client = TestClient(app)
    assert client.get("/api/docs").status_code == 200
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/me", "/api/swap/check", "/api/swap/suggest", "/api/swap/request"} <= set(paths)


def test_every_post_as_every_role(site) -> None:  # type: ignore[no-untyped-def]
    """Each state-changing route, as each role, with a valid CSRF token: who is refused
    (303 to the login page or 401 for the API when anonymous, 403 when not allowed). The
    allowed ones are walked in the tests above and in the browser test."""
    scenario, ledger, app = site
    sid = swaps.request(ledger, swaps.proposal(scenario, "J1", day(3), "J2", day(6)), "J1")
    answer = desk.ask_leave(
        scenario, ledger, "J1", day(5), day(5), "personal", certificate=False, phoned=False
    )
    rid = answer.request_id[1:]
    anonymous_login = {"anonymous": 303}
    refused = {
        # route: roles refused, with the status (others are not asked here)
        f"/swap/{sid}/accept": anonymous_login | dict.fromkeys(["agent", "leader", "manager"], 403),
        f"/swap/{sid}/decline": anonymous_login | dict.fromkeys(["agent", "leader"], 403),
        f"/lead/swap/{sid}/approve": anonymous_login
        | dict.fromkeys(["agent", "department head", "director", "manager"], 403),
        f"/lead/swap/{sid}/refuse": anonymous_login
        | dict.fromkeys(["agent", "department head", "director", "manager"], 403),
        f"/lead/swap/{sid}/register": anonymous_login
        | dict.fromkeys(["agent", "department head", "director", "manager"], 403),
        f"/lead/leave/{rid}/approve": anonymous_login
        | dict.fromkeys(["agent", "leader", "director"], 403),
        f"/lead/leave/{rid}/refuse": anonymous_login
        | dict.fromkeys(["agent", "leader", "director"], 403),
        "/lead/publish": anonymous_login
        | dict.fromkeys(["agent", "department head", "director", "manager"], 403),
        "/api/swap/request": {"anonymous": 401},
        f"/api/swap/{sid}/accept": {"anonymous": 401, "agent": 403, "leader": 403},
        f"/api/swap/{sid}/approve": {"anonymous": 401, "agent": 403},
    }
    for role, who in ROLES.items():
        client = logged_in(app, who)
        csrf = token(client, "/login")
        for path, expected in refused.items():
            if role not in expected:
                continue
            if path.startswith("/api/"):
                r = client.post(path, json={}, headers={"X-CSRF-Token": csrf})
            else:
                r = client.post(path, data={"csrf": csrf, "reason": "x"})
            assert r.status_code == expected[role], (role, path, r.status_code)
    # Nothing changed: the swap still waits for J2, the leave for the department head.
    assert swaps.listing(ledger, "requested")[0].accepted_at is None
    assert desk.leave_queue(scenario, ledger, "H1")[0][0].status == "pending"


def test_a_team_leader_sees_the_teams_leave_with_its_verdict(site) -> None:  # type: ignore[no-untyped-def]
    scenario, ledger, app = site
    # J1 (team T1) asks for day 5 off after it started: late under L1, so refused
    desk.ask_leave(
        scenario,
        ledger,
        "J1",
        day(5),
        day(5),
        "personal",
        certificate=False,
        phoned=False,
        now=dt.datetime.combine(day(5), dt.time(12)),
    )
    page = logged_in(app, "L1").get("/lead/queue").text
    section = page.split('id="team-leave"')[1]
    assert "(J1)" in section
    assert "L1:" in section  # the verdict, recomputed, names the failed rule
    other = logged_in(app, "L5").get("/lead/queue").text.split('id="team-leave"')[1]
    assert "(J1)" not in other  # L5 leads T2: not their team


def test_approvers_land_on_their_queue_and_agents_on_their_month(site) -> None:  # type: ignore[no-untyped-def]
    _, _, app = site
    for who, landing in (("J1", "/me"), ("L1", "/me"), ("H1", "/lead/queue")):
        client = TestClient(app, follow_redirects=False)
        r = client.post(
            "/login", data={"staff_id": who, "password": PASSWORD, "csrf": token(client)}
        )
        assert r.headers["location"] == landing, who
    # an approver's menu has no swap or leave pages: they have no shifts
    assert "/swap/check" not in logged_in(app, "H1").get("/lead/queue").text
    assert "/swap/check" in logged_in(app, "J1").get("/me").text


def test_a_swap_request_for_a_day_outside_the_month_is_bad_input(site) -> None:  # type: ignore[no-untyped-def]
    _, ledger, app = site
    client = logged_in(app, "J1")
    csrf = token(client, "/me")
    page = client.post("/swap/request", data={"date": "2030-01-01", "with": "J2", "csrf": csrf})
    assert page.status_code == 400
    api = client.post(
        "/api/swap/request",
        json={"date": "2030-01-01", "partner": "J2"},
        headers={"X-CSRF-Token": csrf},
    )
    assert api.status_code == 400
    assert "2030-01-01" in api.json()["detail"]
    assert swaps.listing(ledger, None) == []  # nothing recorded
