"""One module per question a user asks; the command line and the web app both call these.

Each takes paths or objects and returns a typed report; none parses a command line or
writes a workbook (``roster.cli`` and ``roster.reports`` do).
"""
