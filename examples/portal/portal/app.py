"""The web application: pages for both portals' recoveries, the sign-up conflict, the live
password check and the demo outbox. Stateless: the flow lives in the client's cookie,
sealed by the library, and whatever the server keeps is in the store, so any process serves
any step."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

import restore_access as ra
from restore_access import flow, password

from . import i18n
from .csrf import COOKIE as CSRF_COOKIE
from .csrf import FIELD as CSRF_FIELD
from .csrf import HEADER as CSRF_HEADER
from .csrf import Csrf
from .directory import DEMO_ACCOUNTS
from .recovery import PORTALS, Outcome, Portal, Recovery
from .settings import Settings
from .store_redis import Busy
from .stores import Message, Store, open_store

HERE = Path(__file__).parent
DAY = 24 * 60 * 60
ENDING = {"flow.state_invalid", "flow.expired", "flow.stale"}  # the flow cannot go on: start again
HEADERS = {
    "cache-control": "no-store",
    "referrer-policy": "same-origin",  # the link page's address holds a token: never to another site
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "content-security-policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
}
# The Госуслуги password rules as the library states them: what an empty password breaks.
RULES = password.check("").violations


class PortalConvertor(Convertor[str]):
    regex = "|".join(PORTALS)

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("portal", PortalConvertor())


def flow_cookie(portal: Portal) -> str:
    return f"flow_{portal}"


def proof_cookie(portal: Portal) -> str:
    return f"proof_{portal}"


class Page:
    """One response being built: the page's language, this browser's CSRF token, and the
    cookies to set or clear, with the attributes every cookie of the portal has."""

    def __init__(self, portal_app: PortalApp, request: Request) -> None:
        self.app = portal_app
        self.request = request
        lang = request.cookies.get("lang")
        self.lang: i18n.Lang = "en" if lang == "en" else "ru"
        token = request.cookies.get(CSRF_COOKIE)
        self.new_csrf = not portal_app.csrf.valid(token)
        self.csrf = portal_app.csrf.new_token() if self.new_csrf or token is None else token
        self.cookies: dict[str, Optional[tuple[str, Optional[int]]]] = {}

    def set_cookie(self, name: str, value: str, max_age: Optional[int]) -> None:
        self.cookies[name] = (value, max_age)

    def clear_cookie(self, name: str) -> None:
        self.cookies[name] = None

    def finish(self, response: Response) -> Response:
        if self.new_csrf:
            self.set_cookie(CSRF_COOKIE, self.csrf, None)
        secure = self.request.url.scheme == "https"
        for name, value in self.cookies.items():
            if value is None:
                response.delete_cookie(name, path="/", secure=secure, httponly=True, samesite="lax")
            else:
                response.set_cookie(name, value[0], max_age=value[1], path="/", secure=secure, httponly=True, samesite="lax")
        response.headers.update(HEADERS)
        return response

    def render(self, template: str, status: int = 200, **context: Any) -> Response:
        lang = self.lang
        response = self.app.templates.TemplateResponse(
            self.request,
            template,
            {
                "lang": lang,
                "t": lambda key, **kw: i18n.text(key, lang).format(**kw) if kw else i18n.text(key, lang),
                "said": lambda what: i18n.said(what, lang),
                "message": lambda code: flow.message(code, lang) or code,
                "csrf_field": CSRF_FIELD,
                "csrf_token": self.csrf,
                "path": self.request.url.path,
                **context,
            },
            status_code=status,
        )
        return self.finish(response)

    def redirect(self, to: str) -> Response:
        return self.finish(RedirectResponse(to, status_code=303))


class PortalApp:
    def __init__(self, settings: Settings, store: Store) -> None:
        self.keys = settings.keys
        self.store = store
        self.recovery = Recovery(self.keys, store)
        self.csrf = Csrf(settings.secret)
        self.templates = Jinja2Templates(directory=HERE / "templates")

    # Pages that change nothing.

    async def home(self, request: Request) -> Response:
        return Page(self, request).render("home.html", accounts=DEMO_ACCOUNTS)

    async def language(self, request: Request) -> Response:
        page = Page(self, request)
        lang = request.path_params["lang"]
        target = request.query_params.get("next", "/")
        page.set_cookie("lang", "en" if lang == "en" else "ru", 365 * DAY)
        return page.redirect(target if target.startswith("/") and not target.startswith("//") else "/")

    async def outbox(self, request: Request) -> Response:
        messages = await run_in_threadpool(self.store.outbox)
        return Page(self, request).render("outbox.html", messages=messages, when=lambda m: time.strftime("%H:%M:%S", time.localtime(m.at)))

    async def step_page(self, request: Request) -> Response:
        """The current step of this browser's flow; a new flow when it has none."""
        page, portal = Page(self, request), request.path_params["portal"]
        sealed = request.cookies.get(flow_cookie(portal))
        if sealed is None:
            return self.show(page, portal, self.recovery.start(portal))
        try:
            f = self.recovery.open(portal, sealed)
        except ra.FlowError as e:
            return self.ended(page, portal, e)
        return self.show(page, portal, Outcome(sealed, f.prompt))

    async def link_page(self, request: Request) -> Response:
        """The e-mail link: a page whose button sends the token, so that opening the link —
        as a mail scanner does — spends nothing."""
        page, portal = Page(self, request), request.path_params["portal"]
        return page.render("link.html", portal=portal, flow_id=request.query_params.get("flow", ""), token=request.query_params.get("token", ""))

    # Every POST passes the CSRF check first.

    def protected(self, handler: Callable[[Page, Request, dict[str, str]], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            page = Page(self, request)
            is_json = request.headers.get("content-type", "").startswith("application/json")
            form = {} if is_json else {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
            sent = request.headers.get(CSRF_HEADER) if is_json else form.get(CSRF_FIELD)
            site = f"{request.url.scheme}://{request.url.netloc}"
            if page.new_csrf or not self.csrf.passes(request.cookies.get(CSRF_COOKIE), sent, request.headers.get("origin"), site):
                return page.render("error.html", status=403, text=i18n.text("error.csrf", page.lang))
            return await handler(page, request, form)

        return endpoint

    async def restart(self, page: Page, request: Request, form: dict[str, str]) -> Response:
        portal: Portal = request.path_params["portal"]
        page.clear_cookie(proof_cookie(portal))
        page.set_cookie(flow_cookie(portal), self.recovery.start(portal).sealed, DAY)
        return page.redirect(f"/{portal}")

    async def step(self, page: Page, request: Request, form: dict[str, str]) -> Response:
        """One input of the person's: handled against the flow of the cookie."""
        portal: Portal = request.path_params["portal"]
        sealed = request.cookies.get(flow_cookie(portal), "")
        try:
            f = self.recovery.open(portal, sealed)
        except ra.FlowError as e:
            return self.ended(page, portal, e)
        if form.get("do") == "link" and form.get("flow") != f.id:
            return page.render("error.html", status=400, text=i18n.text("link.elsewhere", page.lang))
        inp = read_input(form, request.cookies.get(proof_cookie(portal), ""))
        if inp is None:
            return self.show(page, portal, Outcome(sealed, f.prompt))
        base_url = f"{request.url.scheme}://{request.url.netloc}"
        try:
            outcome = await run_in_threadpool(self.recovery.submit, portal, sealed, inp, base_url)
        except ra.Error as e:
            if e.code in ENDING:
                return self.ended(page, portal, e)
            return self.show(page, portal, Outcome(sealed, f.prompt), error=e)
        except Busy:
            return page.render("error.html", status=503, text=i18n.text("error.busy", page.lang))
        return self.show(page, portal, outcome)

    async def support(self, page: Page, request: Request, form: dict[str, str]) -> Response:
        """The mos.ru support form of the escalation page: the request goes to the outbox."""
        text = f"{form.get('name', '')}: {form.get('message', '')}"
        await run_in_threadpool(self.store.post, Message("support", form.get("contact", ""), text))
        return page.render("error.html", title=i18n.text("route.support_form", page.lang), text=i18n.text("support.sent", page.lang))

    async def signup(self, page: Page, request: Request, form: dict[str, str]) -> Response:
        """Sign-up as far as the demo goes: a СНИЛС that is already registered."""
        try:
            snils = ra.snils.validate(form.get("snils", ""))
        except ra.ValidationError as e:
            return page.render("signup.html", status=422, error=e, snils=form.get("snils", ""))
        login = ra.detect_login(snils)
        found = await run_in_threadpool(self.store.find, login)
        return page.render("signup.html", snils=snils, conflict=found is not None, unknown=found is None)

    async def signup_recover(self, page: Page, request: Request, form: dict[str, str]) -> Response:
        try:
            outcome = self.recovery.after_signup_conflict(form.get("snils", ""))
        except ra.ValidationError as e:
            return page.render("signup.html", status=422, error=e, snils=form.get("snils", ""))
        page.clear_cookie(proof_cookie("gosuslugi"))
        page.set_cookie(flow_cookie("gosuslugi"), outcome.sealed, DAY)
        return page.redirect("/gosuslugi")

    async def password_check(self, page: Page, request: Request, form: dict[str, str]) -> Response:
        """The rules a password being typed breaks, in the page's language."""
        body = await request.json()
        typed = body.get("password") if isinstance(body, dict) else None
        if not isinstance(typed, str):
            return page.finish(JSONResponse({"error": "password"}, status_code=400))
        report = password.check(typed)
        violations = [{"code": v.code, "text": i18n.said(v, page.lang)} for v in report.violations]
        return page.finish(JSONResponse({"ok": report.ok, "violations": violations}))

    # Rendering a flow.

    def show(self, page: Page, portal: Portal, outcome: Outcome, error: Optional[ra.Error] = None) -> Response:
        """The page of the outcome's prompt, with its cookies: the sealed flow always, the
        proof when this step handed one over, neither once the recovery is done."""
        prompt = outcome.prompt
        if prompt.is_final:
            page.clear_cookie(proof_cookie(portal))
        elif outcome.proof is not None:
            page.set_cookie(proof_cookie(portal), outcome.proof, DAY)
        page.set_cookie(flow_cookie(portal), outcome.sealed, DAY)
        now = int(time.time())
        return page.render(
            "step.html",
            status=422 if error is not None else 200,
            portal=portal,
            prompt=prompt,
            step=type(prompt).__name__,
            pretty_phone=ra.phone.pretty,
            error=error,
            wait=max(0, prompt.resend_at - now) if isinstance(prompt, flow.CodeSent) else 0,
            retry_at=time.strftime("%H:%M", time.localtime(prompt.retry_at)) if isinstance(prompt, flow.Locked) else "",
            rules=RULES,
        )

    def ended(self, page: Page, portal: Portal, error: ra.Error) -> Response:
        """A flow that cannot go on — forged, expired, or overtaken by a password change: the
        library's word for it and a way to start again; the cookies go."""
        page.clear_cookie(flow_cookie(portal))
        page.clear_cookie(proof_cookie(portal))
        return page.render("ended.html", status=400, portal=portal, error=error)

    def asgi(self) -> Starlette:
        portal = "{portal:portal}"
        return Starlette(
            routes=[
                Route("/", self.home),
                Route("/lang/{lang}", self.language),
                Route("/outbox", self.outbox),
                Route("/api/password", self.protected(self.password_check), methods=["POST"]),
                Route("/gosuslugi/signup", self.signup_form),
                Route("/gosuslugi/signup", self.protected(self.signup), methods=["POST"]),
                Route("/gosuslugi/signup/recover", self.protected(self.signup_recover), methods=["POST"]),
                Route(f"/{portal}", self.step_page),
                Route(f"/{portal}", self.protected(self.step), methods=["POST"]),
                Route(f"/{portal}/start", self.protected(self.restart), methods=["POST"]),
                Route(f"/{portal}/link", self.link_page),
                Route("/mosru/support", self.protected(self.support), methods=["POST"]),
                Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
            ]
        )

    async def signup_form(self, request: Request) -> Response:
        return Page(self, request).render("signup.html", snils="")


def read_input(form: dict[str, str], proof: str) -> Optional[flow.Input]:
    """The flow input a submitted form stands for; None for a form that says nothing."""
    match form.get("do"):
        case "contact":
            return flow.Contact(form.get("contact", ""))
        case "login":
            return flow.LoginAndSurname(form.get("login", ""), form.get("surname", ""))
        case "document":
            return flow.Document(form.get("document", ""))
        case "human" if form.get("human") == "yes":
            return flow.HumanCheckPassed()
        case "code":
            return flow.Code(form.get("code", ""))
        case "link":
            return flow.LinkOpened(form.get("token", ""))
        case "resend":
            return flow.Resend()
        case "no_access":
            return flow.NoAccessToContacts()
        case "nothing_arrived":
            return flow.NothingArrived()
        case "password":
            return flow.NewPassword(form.get("password", ""), proof)
    return None


def create_app(settings: Optional[Settings] = None) -> Starlette:
    settings = settings or Settings.from_env()
    store = open_store(settings)
    for record in DEMO_ACCOUNTS:
        if store.get(record.id) is None:
            store.add(record)
    return PortalApp(settings, store).asgi()
