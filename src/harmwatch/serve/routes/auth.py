"""``/api/v1/auth``: login (sets the ``hw_session`` cookie), logout, who am I."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from harmwatch.review.accounts import SESSION_HOURS, login, logout

from ..deps import COOKIE, Session, Store

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


class LoginBody(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


def _me(info) -> dict:
    return {"user": info.user.as_dict(), "csrf_token": info.csrf_token}


@router.post("/login")
def post_login(body: LoginBody, request: Request, response: Response, store: Store) -> dict:
    """Check the name and password; sets an HttpOnly SameSite=Strict session cookie."""
    client = request.client.host if request.client else "unknown"
    info, token = login(store, body.username, body.password, client)
    response.set_cookie(COOKIE, token, max_age=SESSION_HOURS * 3600, httponly=True, samesite="strict",
                        secure=request.app.state.secure_cookies, path="/")
    return _me(info)


@router.post("/logout")
def post_logout(request: Request, response: Response, store: Store) -> dict:
    """End the session (deleted from the store) and clear the cookie."""
    logout(store, request.cookies.get(COOKIE))
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict",
                           secure=request.app.state.secure_cookies)
    return {"ok": True}


@router.get("/me")
def get_me(info: Session) -> dict:
    """The logged-in user and the session's CSRF token, or 401."""
    return _me(info)
