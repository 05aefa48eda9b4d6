"""The centre's web app (FastAPI, Jinja2, uvicorn): agents, team leaders and approvers in
a browser, on the same ``roster.app`` questions as the command line."""
