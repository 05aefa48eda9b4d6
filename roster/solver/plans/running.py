"""The plans' deadline and stop requests: a stop (the main search has ended) reaches the
search under way instead of waiting for the round's end (:class:`_Running`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model


class _Running:
    """The rounds' deadline, and the search under way, so a stop request (the main search
    has ended) reaches it mid-search instead of after the round (CP-SAT and SCIP; a CBC
    step of the proof runs to its own limit, ``PROOF_STEP_SECONDS``)."""

    def __init__(self, deadline: float, should_stop: Callable[[], bool]) -> None:
        self.deadline = deadline
        self.should_stop = should_stop
        self.stopped = False
        self.lock = threading.Lock()
        self.solvers: set[cp_model.CpSolver | pywraplp.Solver] = set()
        self.over = threading.Event()
        self.watch = threading.Thread(target=self._watch, name="plans-stop", daemon=True)
        self.watch.start()

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def _watch(self) -> None:
        while not self.over.wait(STOP_POLL_SECONDS):
            if self.should_stop():
                with self.lock:
                    self.stopped = True
                    for solver in self.solvers:
                        if isinstance(solver, pywraplp.Solver):
                            solver.InterruptSolve()
                        else:
                            solver.stop_search()
                return

    def solve(
        self,
        solver: cp_model.CpSolver,
        model: cp_model.CpModel,
        callback: cp_model.CpSolverSolutionCallback | None = None,
    ) -> Any:
        with self.lock:
            if self.stopped:
                return cp_model.UNKNOWN
            self.solvers.add(solver)
        try:
            return solver.solve(model, callback)
        finally:
            with self.lock:
                self.solvers.discard(solver)

    def solve_mip(self, lp: pywraplp.Solver, most: float) -> int:
        """``lp`` solved within the time left and at most ``most`` seconds; a stop request
        interrupts a solver that can be (SCIP, not CBC). CBC counts the process's CPU
        time: beside a search on one worker its limit passes at about twice the wall
        clock's pace (alone, at its pace)."""
        with self.lock:
            if self.stopped or self.left() <= 0:
                return pywraplp.Solver.NOT_SOLVED
            self.solvers.add(lp)
        try:
            lp.SetTimeLimit(max(1, int(min(self.left(), most) * 1000)))
            exact = pywraplp.MPSolverParameters()
            # OPTIMAL must mean proven: the default relative gap (1e-4) would let a choice
            # 1 above the least pass for it on costs of 10,000 and more.
            exact.SetDoubleParam(pywraplp.MPSolverParameters.RELATIVE_MIP_GAP, 0.0)
            return int(lp.Solve(exact))
        finally:
            with self.lock:
                self.solvers.discard(lp)

    def close(self) -> None:
        self.over.set()
        self.watch.join()


STOP_POLL_SECONDS = 0.05


class _NoPlan(Exception):
    """A person has no plan within the time (or none at all): no bound from plans."""
