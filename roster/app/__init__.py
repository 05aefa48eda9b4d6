"""One module per question a user asks; the command line and the web app both call these.

Each takes paths or objects and returns a typed report; none imports click or openpyxl.
"""
