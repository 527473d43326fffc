"""One JSON error shape for every failure: ``{"error": {"code", "message", "hint"}}``.

The library raises coded :class:`~harmwatch.errors.HarmwatchError`s; this module maps each code to
an HTTP status and installs handlers so that FastAPI's own errors (unknown route, bad body,
bad query type) and unexpected exceptions come out in the same shape. Request bodies are never
logged (they carry passwords).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from harmwatch.errors import HarmwatchError

log = logging.getLogger("harmwatch.serve")

STATUS = {
    "HW-AUTH-REQUIRED": 401,
    "HW-AUTH-BAD-LOGIN": 401,
    "HW-AUTH-ROLE": 403,
    "HW-AUTH-CSRF": 403,
    "HW-API-NOT-FOUND": 404,
    "HW-MERGE-UNKNOWN": 404,
    "HW-API-METHOD": 405,
    "HW-API-VERSION": 409,
    "HW-API-FILTER": 422,
    "HW-API-FIELD": 422,
    "HW-API-BODY": 422,
    "HW-MERGE-JOIN": 422,
    "HW-USER-PASSWORD": 422,
    "HW-API-VERSION-REQUIRED": 428,
    "HW-AUTH-LOCKED": 429,
}


class ApiError(HarmwatchError):
    """An error raised by the HTTP layer itself (auth checks)."""


def error_body(code: str, message: str, hint: str = "") -> dict:
    return {"error": {"code": code, "message": message, "hint": hint}}


def respond(exc: HarmwatchError) -> JSONResponse:
    status = STATUS.get(exc.code, 500)
    headers = {}
    retry = getattr(exc, "retry_after", None)
    if retry:
        headers["Retry-After"] = str(int(retry))
    current = getattr(exc, "current", None)
    if current is not None:
        headers["ETag"] = f'"{current}"'
    if status == 500:
        log.error("store or library error %s: %s", exc.code, exc.message)
    return JSONResponse(error_body(exc.code, exc.message, exc.hint), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(HarmwatchError)
    async def _coded(_request: Request, exc: HarmwatchError) -> JSONResponse:
        return respond(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        where = errors[0].get("loc", ()) if errors else ()
        place = ".".join(str(x) for x in where)
        code = "HW-API-FILTER" if where and where[0] in ("query", "path") else "HW-API-BODY"
        msg = errors[0].get("msg", "invalid request") if errors else "invalid request"
        return JSONResponse(error_body(code, f"{place}: {msg}", "see docs/API.md or /docs"), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "HW-API-NOT-FOUND", 405: "HW-API-METHOD"}.get(exc.status_code, f"HW-API-HTTP-{exc.status_code}")
        return JSONResponse(error_body(code, str(exc.detail), "see /docs for the routes"),
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.error("internal error on %s %s: %s", request.method, request.url.path, exc.__class__.__name__)
        return JSONResponse(error_body("HW-API-INTERNAL", "internal error", "see the server log"), status_code=500)
