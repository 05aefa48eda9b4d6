"""The ``roster`` command line: one module per audience (team lead, agent, manager) and
one for the web app (serve, users), each a thin layer over ``roster.app``; ``common``
holds the group and the error mapping."""

from roster.cli import agent, lead, manager, web
from roster.cli.common import EXIT_BAD_INPUT, EXIT_NO_ROSTER, main

__all__ = ["EXIT_BAD_INPUT", "EXIT_NO_ROSTER", "agent", "lead", "main", "manager", "web"]
