"""What every page shares: the loaded scenario and ledger, the templates, who is logged
in, and how a page is rendered in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from roster.app.desk import Person, people
from roster.model import Scenario
from roster.web.i18n import DEFAULT, LANGUAGES, translate
from roster.web.security import LoginLimiter, csrf_token

TEMPLATES = Path(__file__).with_name("templates")


class LoginRequired(Exception):
    """Raised by a page dependency when nobody is logged in: the page redirects to
    /login, the API answers 401."""


@dataclass
class Site:
    """The app's state: one scenario, one ledger, one process."""

    scenario: Scenario
    ledger: Path
    https_only: bool = False
    templates: Jinja2Templates = field(
        default_factory=lambda: Jinja2Templates(directory=str(TEMPLATES))
    )

    def __post_init__(self) -> None:
        self.people: dict[str, Person] = people(self.scenario)
        self.limiter = LoginLimiter(self.ledger)
        self.names = {pid: p.name for pid, p in self.people.items()}


def see_other(url: str) -> RedirectResponse:
    """After a form: the next page by GET (303), so a reload does not post again."""
    return RedirectResponse(url, status_code=303)


def site(request: Request) -> Site:
    found: Site = request.app.state.site
    return found


def language(request: Request) -> str:
    lang = request.cookies.get("lang", DEFAULT)
    return lang if lang in LANGUAGES else DEFAULT


def current(request: Request) -> Person:
    """The logged-in person (dependency); ``LoginRequired`` when nobody is."""
    staff = request.session.get("staff")
    found = site(request).people.get(str(staff)) if staff else None
    if found is None or request.session.get("must_set_password"):
        raise LoginRequired()
    return found


def leader(request: Request) -> Person:
    """A team leader or an approver (department head, centre director, manager)."""
    person = current(request)
    if not (person.is_leader or person.is_manager):
        raise HTTPException(status_code=403, detail="team leaders and approvers only")
    return person


def team_lead(request: Request) -> Person:
    """A team leader: publishes, downloads the roster, sees the team's coverage."""
    person = current(request)
    if not person.is_leader:
        raise HTTPException(status_code=403, detail="team leaders only")
    return person


def manager(request: Request) -> Person:
    """A department head, the centre director or a manager."""
    person = current(request)
    if not person.is_manager:
        raise HTTPException(status_code=403, detail="approvers only")
    return person


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in the reader's language; autoescape is on for every template."""
    lang = language(request)
    staff = request.session.get("staff")
    me = site(request).people.get(str(staff)) if staff else None
    context.update(
        request=request,
        lang=lang,
        t=lambda key: translate(key, lang),
        me=me,
        csrf=csrf_token(request),
        names=site(request).names,
    )
    return site(request).templates.TemplateResponse(request, name, context, status_code=status)
