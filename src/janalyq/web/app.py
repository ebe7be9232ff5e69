"""The portal's FastAPI application: routes, security headers, and error pages in the reader's
language (404 and 422 as pages under /kk/, /ru/, /en/; as JSON under /api/)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.exceptions import HTTPException as StarletteHTTPException

from janalyq.web import api, routes, sitemap, stories
from janalyq.web.middleware import CanonicalHost, CatchErrors, HeadAsGet
from janalyq.web.i18n import DEFAULT_LANG, UI_LANGS, translate
from janalyq.web.render import render_html, render_json

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; form-action 'self';"
     b" base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


# Any site may read the API and the feeds from a browser (GET only: there is nothing else).
CORS_HEADERS = [(b"access-control-allow-origin", b"*")]


def _readable_anywhere(scope) -> bool:
    path = scope.get("path", "")
    return scope.get("method") in ("GET", "HEAD") and (
        path.startswith("/api/") or path.endswith(("/feed.rss", "/feed.atom")))


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task overhead) adding the headers to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        extra = SECURITY_HEADERS + (CORS_HEADERS if _readable_anywhere(scope) else [])

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + extra
            await send(message)

        return await self.app(scope, receive, send_with_headers)


def _ui_of(request: Request) -> str:
    first = request.url.path.strip("/").split("/", 1)[0]
    return first if first in UI_LANGS else DEFAULT_LANG


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(x) for x in error.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def _error(request: Request, status: int, detail: str = ""):
    if request.url.path.startswith("/api/"):
        return render_json({"error": {"status": status, "detail": detail}}, status_code=status)
    ui = _ui_of(request)
    key = {404: "404", 422: "422"}.get(status, "500")
    page = {"page": "error", "ui": ui, "status": status, "content_lang": None,
            "title": translate(ui, f"error_{key}_title"),
            "message": translate(ui, f"error_{key}_text", detail=detail) if key == "422" else translate(ui, f"error_{key}_text"),
            "links": {"self": request.url.path, "json": None,
                      "alternates": {u: f"/{u}/" for u in UI_LANGS}}}
    return render_html("error.html", page, status_code=status)


def create_app(db_path: str | Path) -> FastAPI:
    app = FastAPI(title="janalyq", version="1", summary="Official news of Kazakhstan in kk, ru and en",
                  openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None)
    app.state.db_path = str(db_path)
    # Added innermost first: CanonicalHost sees the request first, CatchErrors last.
    app.add_middleware(CatchErrors, error_response=lambda scope: _error(Request(scope), 500))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(HeadAsGet)
    app.add_middleware(CanonicalHost)
    app.mount("/static", StaticFiles(packages=[("janalyq.web", "static")]), name="static")
    app.include_router(api.router)
    app.include_router(api.docs_router)
    app.include_router(sitemap.router)
    app.include_router(stories.api_router)  # stories, topics, regions
    app.include_router(stories.router)
    app.include_router(routes.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else ""
        return _error(request, exc.status_code if exc.status_code in (404, 405, 422) else 404, detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return _error(request, 422, _validation_detail(exc))

    return app
