"""Build the CP-SAT model from a scenario, solve it, and decode a roster."""

from roster.solver.build import BuiltModel, build_model
from roster.solver.precheck import capacity_problems
from roster.solver.solve import Progress, explain_infeasibility, solve

__all__ = [
    "BuiltModel",
    "Progress",
    "build_model",
    "capacity_problems",
    "explain_infeasibility",
    "solve",
]
