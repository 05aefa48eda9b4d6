"""Shift-roster optimizer for 24/7 customer-service centres, on OR-Tools CP-SAT."""

from roster.model import Result, Roster, Scenario, SolveStatus

__all__ = ["Result", "Roster", "Scenario", "SolveStatus"]
__version__ = "0.1.0"
