"""Solver-independent verdicts on a roster: the hard rules, the soft cost, the cover table.

Nothing here imports ortools, ``roster.constraints`` or ``roster.solver``: this package is
the oracle the solver is judged by.
"""

from roster.checks.coverage import CoverageRow, coverage_rows
from roster.checks.objective import fairness_counts, objective_of
from roster.checks.rules import check_roster
from roster.checks.swap import (
    SWAP_RULES,
    SwapSuggestions,
    SwapVerdict,
    apply_swap,
    apply_swaps,
    suggest_swaps,
    swap_verdict,
)

__all__ = [
    "SWAP_RULES",
    "CoverageRow",
    "SwapSuggestions",
    "SwapVerdict",
    "apply_swap",
    "apply_swaps",
    "check_roster",
    "coverage_rows",
    "fairness_counts",
    "objective_of",
    "suggest_swaps",
    "swap_verdict",
]
