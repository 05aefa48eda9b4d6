"""Every workbook the project writes for people: the roster workbook, the annotated copy of
an edited roster, the what-if comparison, the staffing answer and the sweep table.

Each writer lays out what ``roster.checks`` and the callers decided, and writes cells only
through ``roster.io.xlsx`` (text is never a formula, files are replaced atomically). Nothing
here imports click or the solver. Scenario workbooks are written by ``roster.io``.
"""
