"""Many agents in the browser at once: ``roster serve`` on loopback with a synthetic
centre, and simulated agents (an asyncio httpx loop, one client each) doing a realistic
mix for a fixed time, then it stops by itself and checks the ledger.

Each agent logs in once, then, with ``--think`` seconds (default 5-15: reading the page
and choosing) between actions:
* 50%: opens my month (``/me``);
* 25%: checks a swap with a colleague of the same grade (``/swap/check``);
* 15%: lists partners for one of their worked days (``/swap/suggest``);
* 10%: requests a swap from the partner list, which the partner accepts and both team
  leaders approve (POSTs through the pages, with CSRF tokens, as a browser sends them).

Prints p50/p95/max per kind, server errors (5xx), and the ledger invariants of
``benchmarks/ledger_stress.py`` after the run (expected: 0 breaches). Targets on the
2-core machine: my month p95 < 100 ms, a verdict p95 < 500 ms, a partner list p95 < 2 s.

    .venv/bin/python benchmarks/web_load.py --people 300 --agents 100 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.ledger_stress import breaches, centre
from roster.app.desk import set_password
from roster.app.record import publish
from roster.app.swap import team_leaders
from roster.io import write_scenario
from roster.model import Roster, Scenario

PASSWORD = "load test password"
TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Agent:
    """One person's browser: a cookie jar, the CSRF token, and what they may swap."""

    def __init__(self, base: str, staff_id: str) -> None:
        self.id = staff_id
        self.client = httpx.AsyncClient(base_url=base, timeout=60, follow_redirects=False)
        self.csrf = ""

    async def login(self) -> None:
        page = await self.client.get("/login")
        found = TOKEN.search(page.text)
        assert found is not None
        r = await self.client.post(
            "/login", data={"staff_id": self.id, "password": PASSWORD, "csrf": found.group(1)}
        )
        assert r.status_code == 303, (self.id, r.status_code)
        me = await self.client.get("/me")
        self.csrf = TOKEN.search(me.text).group(1)  # type: ignore[union-attr]


async def timed(
    times: dict[str, list[float]], errors: list[str], kind: str, call: object
) -> httpx.Response | None:
    began = time.perf_counter()
    try:
        response: httpx.Response = await call  # type: ignore[misc]
    except httpx.HTTPError as err:
        errors.append(f"{kind}: {err!r}")
        return None
    times[kind].append(time.perf_counter() - began)
    if response.status_code >= 500:
        errors.append(f"{kind}: {response.status_code}")
    return response


async def run_agent(
    rng: random.Random,
    agent: Agent,
    agents: dict[str, Agent],
    leaders: dict[str, Agent],
    scenario: Scenario,
    roster: Roster,
    end: float,
    think: tuple[float, float],
    times: dict[str, list[float]],
    errors: list[str],
) -> None:
    mates = [
        s.id
        for s in scenario.staff
        if s.id != agent.id and s.grade == next(p.grade for p in scenario.staff if p.id == agent.id)
    ]
    worked = sorted(a.date for a in roster.assignments if a.staff_id == agent.id)
    while time.monotonic() < end:
        await asyncio.sleep(rng.uniform(*think))
        roll = rng.random()
        if roll < 0.5 or not worked:
            await timed(times, errors, "my month", agent.client.get("/me"))
        elif roll < 0.75:
            params = {"date": rng.choice(worked).isoformat(), "with": rng.choice(mates)}
            await timed(
                times, errors, "swap verdict", agent.client.get("/swap/check", params=params)
            )
        elif roll < 0.9:
            params = {"date": rng.choice(worked).isoformat()}
            await timed(
                times, errors, "partner list", agent.client.get("/swap/suggest", params=params)
            )
        else:
            await request_flow(rng, agent, agents, leaders, scenario, worked, times, errors)


async def request_flow(
    rng: random.Random,
    agent: Agent,
    agents: dict[str, Agent],
    leaders: dict[str, Agent],
    scenario: Scenario,
    worked: list,  # type: ignore[type-arg]
    times: dict[str, list[float]],
    errors: list[str],
) -> None:
    day = rng.choice(worked).isoformat()
    page = await timed(
        times, errors, "partner list", agent.client.get("/swap/suggest", params={"date": day})
    )
    if page is None:
        return
    options = re.findall(
        r'name="with" value="([^"]+)"><input type="hidden" name="payback" value="([^"]*)"',
        page.text,
    )
    options = [(b, back) for b, back in options if b in agents]
    if not options:
        return
    partner, back = rng.choice(options)
    data = {"date": day, "with": partner, "payback": back, "csrf": agent.csrf}
    r = await timed(times, errors, "request", agent.client.post("/swap/request", data=data))
    if r is None or r.status_code != 303:
        return
    listing = await agents[partner].client.get("/requests")
    ids = re.findall(r'action="/swap/(\d+)/accept"', listing.text)
    if not ids:
        return
    sid = ids[-1]
    await timed(
        times,
        errors,
        "accept",
        agents[partner].client.post(f"/swap/{sid}/accept", data={"csrf": agents[partner].csrf}),
    )
    for who in {team_leaders(scenario, agent.id)[0], team_leaders(scenario, partner)[0]}:
        lead = leaders.get(who)
        if lead is not None:
            await timed(
                times,
                errors,
                "approve",
                lead.client.post(f"/lead/swap/{sid}/approve", data={"csrf": lead.csrf}),
            )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def load(
    base: str,
    scenario: Scenario,
    roster: Roster,
    n: int,
    seconds: float,
    seed: int,
    think: tuple[float, float],
) -> tuple[dict[str, list[float]], list[str]]:
    rng = random.Random(seed)
    leader_ids = {s.id for s in scenario.staff if "team_leader" in s.roles}
    chosen = rng.sample([s.id for s in scenario.staff if s.id not in leader_ids], n)
    agents = {sid: Agent(base, sid) for sid in chosen}
    leaders = {sid: Agent(base, sid) for sid in leader_ids}
    for group in (list(agents.values()), list(leaders.values())):
        for i in range(0, len(group), 10):
            await asyncio.gather(*(a.login() for a in group[i : i + 10]))
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    end = time.monotonic() + seconds
    await asyncio.gather(
        *(
            run_agent(
                random.Random(seed * 1000 + i),
                a,
                agents,
                leaders,
                scenario,
                roster,
                end,
                think,
                times,
                errors,
            )
            for i, a in enumerate(agents.values())
        )
    )
    for a in (*agents.values(), *leaders.values()):
        await a.client.aclose()
    return times, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--agents", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=30.0, help="to solve the month")
    parser.add_argument(
        "--think", default="5,15", help="seconds between one agent's actions: low,high"
    )
    args = parser.parse_args(argv)
    low, high = (float(x) for x in args.think.split(","))
    scenario, roster = centre(args.people, args.seed, args.time_limit)
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        write_scenario(scenario, where / "scenario")
        ledger = where / "ledger.db"
        publish(scenario, ledger, roster, name="load", source="web_load")
        for s in scenario.staff:
            set_password(scenario, ledger, s.id, PASSWORD)
        port = _free_port()
        command = [str(Path(sys.executable).with_name("roster")), "serve"]
        command += [str(where / "scenario"), "--db", str(ledger), "--port", str(port)]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("roster serve did not start")
                time.sleep(0.2)
            began = time.perf_counter()
            times, errors = asyncio.run(
                load(base, scenario, roster, args.agents, args.seconds, args.seed, (low, high))
            )
            elapsed = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=30)
        found = breaches(scenario, roster, ledger)
    print(
        f"{args.agents} agents, {args.seconds:g} s, {args.people} people, seed {args.seed}, "
        f"think {low:g}-{high:g} s; "
        f"{elapsed:.0f} s with logins"
    )
    print(f"{'kind':<14}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind in ("my month", "swap verdict", "partner list", "request", "accept", "approve"):
        values = times.get(kind, [])
        if values:
            print(
                f"{kind:<14}{len(values):>9}{statistics.median(values) * 1000:>9.0f}"
                f"{percentile(values, 0.95) * 1000:>9.0f}{max(values) * 1000:>9.0f}"
            )
    print(f"server errors: {len(errors)}")
    for line in errors[:10]:
        print(f"  {line}")
    print(f"invariant breaches: {len(found)}")
    for line in found[:10]:
        print(f"  {line}")
    return 1 if errors or found else 0


if __name__ == "__main__":
    sys.exit(main())
