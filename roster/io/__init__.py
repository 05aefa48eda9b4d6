"""Files in: scenario workbooks (xlsx or CSV folder) and roster workbooks read back; and
scenarios out, since a scenario written must read back equal. Roster workbooks and the other
reports are written by ``roster.reports``.

``roster.io`` lives inside the package so it never shadows the standard library's ``io``.
"""

from roster.io.roster_grid import EditedRoster, read_edited_roster
from roster.io.roster_reader import read_roster_assignments
from roster.io.scenario_reader import read_scenario
from roster.io.scenario_writer import write_scenario

__all__ = [
    "EditedRoster",
    "read_edited_roster",
    "read_roster_assignments",
    "read_scenario",
    "write_scenario",
]
