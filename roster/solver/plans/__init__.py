"""A lower bound from each person's best month plan, priced against cover.

Where people share nothing but cover seats (no team leader seat, no fairness spread, no
role or callback seats), the month splits into one small problem per person once each
cover seat has a price: column generation. A linear master chooses a mix of month plans per
person against the seats; each person's best plan at the master's seat prices is found on
that person alone (a path over days, :mod:`roster.solver.pricing`, or CP-SAT where the
path's plan breaks a rule it does not follow); plans that pay are added until none does.

Why: CP-SAT's own linear relaxation of run lengths, weekends and minutes is weak; each
person's plans keep those rules, so their bound is far closer to the optimum. The rounds
give:

- a valid bound in every round: the Lagrangian bound of the seat prices (each seat's price
  times its limit, each cut's price times its count, plus every person's best plan value
  at those prices), so it holds before the rounds converge;
- a cut: a roster leaves a whole number of places empty, the master often a fraction;
  once the rounds converge, the fewest places any roster can leave empty (its own count of
  rounds, :func:`_least_shortfall`), rounded up, becomes a row of the master, and the
  rounds go on;
- a roster: one plan per person, chosen by diving (the master's surest people keep their
  plan, the others' plans are priced again around them; on months of 40 people or more
  first a person's day at a time, :func:`_day_dive`), the cheapest of several dives;
  unless it is at the bound, the best choice among every generated plan may improve it;
- a proof: after the first dive, the plans within a small gap of each person's best are
  all enumerated and a MIP solver (CBC) finds the cheapest choice among them, which
  raises the bound above the linear one or proves a roster optimal (:func:`_prove`).

The modules, one an algorithm: :mod:`.seats` (the cover seats the master prices),
:mod:`.running` (the deadline and stop requests), :mod:`.columns` (each person's model
and best plans), :mod:`.master` (the linear master and its prices), :mod:`.dives` (rosters
by diving), :mod:`.proof` (the choice among the plans near each person's best, and the
shortfall cut), :mod:`.tree` (branch and price) and :mod:`.bound` (:func:`plan_bound`,
which runs them).
"""

from roster.solver.plans.bound import PlanBound, plan_bound
from roster.solver.plans.master import Prices
from roster.solver.plans.seats import PRICE_SCALE, Seat, decomposable, seats_of
from roster.solver.plans.tree import OFF_DAY

__all__ = [
    "OFF_DAY",
    "PRICE_SCALE",
    "PlanBound",
    "Prices",
    "Seat",
    "decomposable",
    "plan_bound",
    "seats_of",
]
