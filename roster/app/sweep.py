"""Sweeps: many what-if variants of one scenario, solved in parallel and tabulated.

A sweep is embarrassingly parallel, so each variant is one call of a pure, top-level
function (:func:`solve_variant`) that returns a plain, picklable :class:`SweepRow`: the same
function runs on a local process pool or on a Dask distributed cluster, and one worker with
a fixed seed gives the same numbers wherever it runs. The input files are only read.
"""

from __future__ import annotations

import csv
import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roster.app.whatif import Variant, apply_variant, parse_variant, shortfall_rows, soft_cover
from roster.exceptions import RosterError, RosterInputError
from roster.model import SOFT_RULES, Roster, Scenario

VARIANT_SHEET = "variants"
VARIANT_COLUMNS: tuple[str, ...] = ("name", "remove", "add", "demand", "set", "seed")
"""The columns of variants.csv; every one but ``name`` may be left out or blank."""

DoneHook = Callable[[int], None]
"""Told the CSV position of each variant as it finishes (for a progress bar)."""


class MissingDependencyError(RosterError):
    """An optional dependency (Dask for ``--dask``) is not installed."""


@dataclass(frozen=True)
class SweepRow:
    """One variant's outcome, plain data so it pickles across processes and machines.

    ``shortfall`` is the number of empty cover seats of the best roster (0 when every rule
    holds); when the variant has no roster it comes from a second solve with cover made
    soft, and is ``None`` when even that finds none (a role rule or another hard rule
    fails). ``violations`` counts what ``check_roster`` finds in the roster: it must be 0.
    """

    name: str
    changes: str
    settings: str
    solver: str
    seed: int
    status: str
    objective: int | None
    bound: float | None
    gap: float | None
    wall_time: float
    costs: tuple[tuple[str, int], ...]
    shortfall: int | None
    violations: int
    reasons: tuple[str, ...] = ()

    def cost(self, rule: str) -> int:
        return dict(self.costs).get(rule, 0)

    def numbers(self) -> tuple[Any, ...]:
        """Everything but the wall time: what must agree between two runs of a sweep."""
        return tuple(v for f, v in dataclasses.asdict(self).items() if f != "wall_time")


# --------------------------------------------------------------------------------------
# variants.csv
# --------------------------------------------------------------------------------------


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _split_add(cell: str) -> list[str]:
    """``junior:2;senior:1:team_leader;callback``: a piece without ``:`` is one more role of
    the item before it, since roles inside an item are ``;``-separated too."""
    items: list[str] = []
    for part in _split(cell):
        if ":" not in part and items and items[-1].count(":") >= 2:
            items[-1] = f"{items[-1]};{part}"
        else:
            items.append(part)
    return items


def _parse_row(cells: dict[str, str], row: int, default_seed: int) -> Variant:
    """One CSV row as a variant; a bad cell is named by trying each column alone."""
    seed_text = cells.get("seed", "")
    try:
        seed = int(seed_text) if seed_text else default_seed
    except ValueError:
        raise RosterInputError(
            f"seed {seed_text!r} is not a whole number", sheet=VARIANT_SHEET, row=row, column="seed"
        ) from None
    name = cells.get("name", "") or f"variant {row - 1}"
    parts: dict[str, list[str]] = {
        "remove": _split(cells.get("remove", "")),
        "add": _split_add(cells.get("add", "")),
        "demand": _split(cells.get("demand", "")),
        "set": _split(cells.get("set", "")),
    }

    def build(only: str | None = None) -> Variant:
        def pick(column: str) -> list[str]:
            return parts[column] if only in (None, column) else []

        return parse_variant(name, pick("remove"), pick("add"), pick("demand"), pick("set"), seed)

    try:
        return build()
    except ValueError as err:
        raise RosterInputError(
            str(err), sheet=VARIANT_SHEET, row=row, column=_culprit(build, parts)
        ) from None


def _culprit(attempt: Callable[[str], object], parts: dict[str, list[str]]) -> str | None:
    """The first column that fails on its own, to point the user at the right cell."""
    for column in parts:
        if not parts[column]:
            continue
        try:
            attempt(column)
        except ValueError:
            return column
    return None


def read_variants(path: Path, *, default_seed: int = 0) -> list[Variant]:
    """The variants of a sweep, one per non-blank row, in file order."""
    return [v for _, v in read_variant_rows(path, default_seed=default_seed)]


def read_variant_rows(path: Path, *, default_seed: int = 0) -> list[tuple[int, Variant]]:
    """``(CSV row, variant)`` for each non-blank row, in file order.

    A blank ``seed`` cell takes ``default_seed``. Raises :class:`RosterInputError` naming
    the sheet ``variants``, the row (header = row 1) and the column.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise RosterInputError(f"cannot read {path}: {err}", sheet=VARIANT_SHEET) from None
    reader = csv.reader(text.splitlines())
    header = [h.strip().lower() for h in next(reader, [])]
    if "name" not in header:
        raise RosterInputError(
            f"no 'name' column; expected columns {', '.join(VARIANT_COLUMNS)}",
            sheet=VARIANT_SHEET,
            row=1,
        )
    variants: list[tuple[int, Variant]] = []
    rows: dict[str, int] = {}
    for row, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            raise RosterInputError(
                f"{len(values)} cells but the header has {len(header)}; a ';' inside a cell "
                "separates values, a ',' separates cells",
                sheet=VARIANT_SHEET,
                row=row,
            )
        cells = {h: v.strip() for h, v in zip(header, values, strict=False)}
        variant = _parse_row(cells, row, default_seed)
        if variant.name in rows:
            raise RosterInputError(
                f"variant name {variant.name!r} already used on row {rows[variant.name]}",
                sheet=VARIANT_SHEET,
                row=row,
                column="name",
            )
        rows[variant.name] = row
        variants.append((row, variant))
    if not variants:
        raise RosterInputError("no variants", sheet=VARIANT_SHEET)
    return variants


_VARIANT_FIELDS: dict[str, str] = {
    "remove": "remove",
    "add": "add",
    "demand": "demand",
    "settings": "set",
}
"""Variant field -> the variants.csv column it comes from."""


def _only(variant: Variant, column: str) -> Variant:
    """The variant with every edit but those of one CSV column dropped."""
    kept: dict[str, Any] = {
        f: getattr(variant, f) if c == column else () for f, c in _VARIANT_FIELDS.items()
    }
    return dataclasses.replace(variant, **kept)


def check_variants(
    scenario: Scenario, variants: Sequence[Variant], rows: Sequence[int] | None = None
) -> None:
    """Apply each variant before any solving, so a bad one (an unknown staff id) stops the
    sweep at once with its row, not after an hour on the cluster. ``rows`` are the CSV rows
    of the variants (default: 2, 3, ...)."""
    numbers = list(rows) if rows is not None else list(range(2, len(variants) + 2))
    for row, variant in zip(numbers, variants, strict=True):
        try:
            apply_variant(scenario, variant)
        except ValueError as err:

            def attempt(column: str, variant: Variant = variant) -> object:
                return apply_variant(scenario, _only(variant, column))

            parts = {c: list(getattr(variant, f)) for f, c in _VARIANT_FIELDS.items()}
            raise RosterInputError(
                f"variant {variant.name!r}: {err}",
                sheet=VARIANT_SHEET,
                row=row,
                column=_culprit(attempt, parts),
            ) from None


# --------------------------------------------------------------------------------------
# One variant
# --------------------------------------------------------------------------------------


def describe_changes(variant: Variant) -> str:
    """What the variant changes in the scenario, in the CSV's own notation."""
    parts = []
    if variant.remove:
        parts.append("remove " + ", ".join(variant.remove))
    if variant.add:
        parts.append("add " + ", ".join(variant.add))
    if variant.demand:
        parts.append("demand " + ", ".join(variant.demand))
    return "; ".join(parts) or "(none)"


def describe_settings(variant: Variant) -> str:
    return "; ".join(f"{k}={v}" for k, v in variant.settings) or "(defaults)"


def _shortfall(scenario: Scenario, roster: Roster) -> tuple[int, dict[str, int]]:
    """Empty seats in total and by rule (R1 grade, R2 team leader, R3 role), counted as
    ``roster whatif`` counts them."""
    by_rule: dict[str, int] = {}
    for row in shortfall_rows(scenario, roster):
        by_rule[row.rule] = by_rule.get(row.rule, 0) + row.short
    return sum(by_rule.values()), by_rule


def solve_variant(
    scenario: Scenario, variant: Variant, time_limit: float, workers: int
) -> SweepRow:
    """Apply one variant and solve it; with no roster, solve again with cover made soft to
    learn the least shortfall. Never raises: a failure is a row with status ``ERROR``."""
    from roster.app.leave import under_leave_rules
    from roster.checks import check_roster
    from roster.solver import solve

    solver_text = f"time_limit={time_limit:g}; workers={workers}"
    base: dict[str, Any] = {
        "name": variant.name,
        "changes": describe_changes(variant),
        "settings": describe_settings(variant),
        "solver": solver_text,
        "seed": variant.seed,
    }
    try:
        changed = apply_variant(scenario, variant)
        result = solve(
            under_leave_rules(changed), time_limit=time_limit, workers=workers, seed=variant.seed
        )
        shortfall: int | None = None
        violations = 0
        reasons = list(result.reasons)
        if result.roster is not None:
            violations = len(check_roster(changed, result.roster))
            shortfall, _ = _shortfall(changed, result.roster)
        else:  # how short the month is: solve again with empty seats priced, not forbidden
            soft = soft_cover(changed)
            relaxed = solve(
                under_leave_rules(soft),
                time_limit=time_limit,
                workers=workers,
                seed=variant.seed,
                diagnose=False,
            )
            if relaxed.roster is not None:
                violations = len(check_roster(soft, relaxed.roster))
                shortfall, by_rule = _shortfall(soft, relaxed.roster)
                rules = ", ".join(f"{r} {n}" for r, n in sorted(by_rule.items()))
                reasons.append(
                    f"With cover made soft: {shortfall} seat(s) stay empty ({rules or 'none'})."
                )
            else:
                reasons.append("Even with cover made soft there is no roster.")
        return SweepRow(
            **base,
            status=result.status.value,
            objective=result.objective,
            bound=result.bound,
            gap=result.gap,
            wall_time=round(result.wall_time, 3),
            costs=tuple(sorted(result.cost_by_rule().items(), key=lambda kv: _rule_key(kv[0]))),
            shortfall=shortfall,
            violations=violations,
            reasons=tuple(reasons),
        )
    except Exception as err:  # one bad variant must not sink a sweep of hundreds
        return SweepRow(
            **base,
            status="ERROR",
            objective=None,
            bound=None,
            gap=None,
            wall_time=0.0,
            costs=(),
            shortfall=None,
            violations=0,
            reasons=(f"{type(err).__name__}: {err}",),
        )


def _rule_key(rule: str) -> tuple[int, str]:
    digits = rule.lstrip("R")
    return (int(digits), rule) if digits.isdigit() else (10**6, rule)


# --------------------------------------------------------------------------------------
# The sweep
# --------------------------------------------------------------------------------------


def default_processes() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def run_sweep(
    scenario: Scenario,
    variants: Sequence[Variant],
    *,
    time_limit: float = 30.0,
    workers: int = 1,
    processes: int | None = None,
    dask_address: str | None = None,
    on_done: DoneHook | None = None,
) -> list[SweepRow]:
    """Solve every variant; rows come back in the order of ``variants``.

    By default on a local pool of ``processes`` (spawned, so CP-SAT's threads never meet a
    fork); with ``dask_address`` on the Dask distributed scheduler there, which must be able
    to import ``roster``.
    """
    if dask_address is not None:
        return _run_dask(scenario, variants, time_limit, workers, dask_address, on_done)
    rows: list[SweepRow | None] = [None] * len(variants)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=processes or default_processes(), mp_context=context
    ) as pool:
        futures = {
            pool.submit(solve_variant, scenario, v, time_limit, workers): i
            for i, v in enumerate(variants)
        }
        for future in as_completed(futures):
            i = futures[future]
            rows[i] = future.result()
            if on_done is not None:
                on_done(i)
    return [r for r in rows if r is not None]


def _run_dask(
    scenario: Scenario,
    variants: Sequence[Variant],
    time_limit: float,
    workers: int,
    address: str,
    on_done: DoneHook | None,
) -> list[SweepRow]:
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_as_completed
    except ImportError:
        raise MissingDependencyError(
            "--dask needs Dask distributed: pip install 'roster[cluster]' "
            "(or pip install 'dask[distributed]')"
        ) from None
    with Client(address, set_as_default=False) as client:
        shared = client.scatter(scenario, broadcast=True)
        futures = [
            client.submit(solve_variant, shared, v, time_limit, workers, key=f"sweep-{i}-{v.name}")
            for i, v in enumerate(variants)
        ]
        position = {f.key: i for i, f in enumerate(futures)}
        for future in dask_as_completed(futures, loop=client.loop):
            if on_done is not None:
                on_done(position[future.key])
        rows: list[SweepRow] = client.gather(futures)
    return list(rows)


# --------------------------------------------------------------------------------------
# The table (written by roster.reports.sweep_workbook)
# --------------------------------------------------------------------------------------


def soft_rule_columns(rows: Sequence[SweepRow]) -> list[str]:
    """Every soft rule, plus any other rule a row reports a cost for."""
    rules = dict.fromkeys(SOFT_RULES)
    for row in rows:
        rules.update(dict.fromkeys(rule for rule, _ in row.costs))
    return sorted(rules, key=_rule_key)
