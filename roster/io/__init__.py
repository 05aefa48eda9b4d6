"""Files in and out: scenario workbooks (xlsx or CSV folder) and roster workbooks.

``roster.io`` lives inside the package so it never shadows the standard library's ``io``.
"""

from roster.io.roster_grid import EditedRoster, annotate_roster_workbook, read_edited_roster
from roster.io.roster_workbook import read_roster_assignments, write_roster_workbook
from roster.io.scenario_reader import read_scenario
from roster.io.scenario_writer import write_scenario

__all__ = [
    "EditedRoster",
    "annotate_roster_workbook",
    "read_edited_roster",
    "read_roster_assignments",
    "read_scenario",
    "write_roster_workbook",
    "write_scenario",
]
