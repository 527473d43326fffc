"""Accounts and sessions: argon2id password hashes, random session tokens stored hashed, a limit
on failed logins.

* Passwords are hashed with argon2id (argon2-cffi's defaults); a hash made with older parameters
  is upgraded at the next good login.
* A session token is 256 random bits (``secrets.token_urlsafe(32)``); the store keeps only its
  SHA-256, so a copy of the database does not log anybody in. Sessions expire after
  :data:`SESSION_HOURS`. The CSRF token is an HMAC of the session token: nothing more to store,
  and it dies with the session.
* Failed logins are recorded (user name as typed, client address). :data:`FAIL_LIMIT_USER`
  failures for one name, or :data:`FAIL_LIMIT_CLIENT` from one client, within
  :data:`FAIL_WINDOW` lock further attempts (``HW-AUTH-LOCKED`` with the seconds to wait) until
  the oldest failure leaves the window; a good login clears the name's failures. An unknown name
  costs the same hash work as a known one, and both answer ``HW-AUTH-BAD-LOGIN``.

Nothing here logs a password or a token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select

from harmwatch.errors import HarmwatchError
from harmwatch.store.review_models import ROLES, AuthSession, LoginFailure, User

SESSION_HOURS = 12
FAIL_LIMIT_USER = 5
FAIL_LIMIT_CLIENT = 20
FAIL_WINDOW = timedelta(minutes=15)
PASSWORD_MIN = 8
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
_TOUCH_EVERY = timedelta(minutes=5)

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password: evens out the time of a login with an unknown name")


class AuthError(HarmwatchError):
    """Login, session and account errors (``HW-AUTH-*``, ``HW-USER-*``)."""

    code = "HW-AUTH"

    def __init__(self, message: str, *, code: str, hint: str = "", retry_after: int | None = None):
        super().__init__(message, code=code, hint=hint)
        self.retry_after = retry_after


@dataclass(frozen=True)
class UserInfo:
    name: str
    role: str
    created_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True)
class SessionInfo:
    user: UserInfo
    csrf_token: str
    expires_at: str


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)  # SQLite drops the offset


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def csrf_for(token: str) -> str:
    """The CSRF token of a session (an HMAC of its token)."""
    return hmac.new(token.encode("utf-8"), b"harmwatch csrf v1", hashlib.sha256).hexdigest()


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.match(name):
        raise AuthError(f"not a valid user name: {name!r}", code="HW-USER-NAME",
                        hint="1-64 characters: letters, digits and _ . @ - (starting with a letter or digit)")
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}", code="HW-USER-ROLE", hint="one of: " + ", ".join(ROLES))
    return role


def _check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < PASSWORD_MIN:
        raise AuthError("password too short", code="HW-USER-PASSWORD",
                        hint=f"use at least {PASSWORD_MIN} characters")
    return password


def _user(s: Any, name: str) -> User:
    user = s.scalars(select(User).where(User.name == name)).first()
    if user is None:
        raise AuthError(f"no user {name!r}", code="HW-USER-UNKNOWN", hint="list users with `harmwatch user list`")
    return user


# --------------------------------------------------------------------------- accounts


def add_user(store: Any, name: str, role: str, password: str) -> UserInfo:
    """Create an account (``HW-USER-EXISTS`` when the name is taken)."""
    _check_name(name)
    _check_role(role)
    hashed = _hasher.hash(_check_password(password))
    with store._writing("adding a user") as s:  # noqa: SLF001
        if s.scalars(select(User.id).where(User.name == name)).first() is not None:
            raise AuthError(f"user {name!r} exists", code="HW-USER-EXISTS",
                            hint="`harmwatch user passwd NAME` changes a password")
        s.add(User(name=name, role=role, password_hash=hashed))
    return UserInfo(name, role)


def list_users(store: Any) -> list[UserInfo]:
    with store._read() as s:  # noqa: SLF001
        return [UserInfo(u.name, u.role, _aware(u.created_at).isoformat())
                for u in s.scalars(select(User).order_by(User.name))]


def remove_user(store: Any, name: str) -> None:
    """Delete an account and its sessions (its audit entries stay, under its name)."""
    with store._writing("removing a user") as s:  # noqa: SLF001
        user = _user(s, name)
        s.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
        s.delete(user)


def set_password(store: Any, name: str, password: str) -> None:
    """Change a password; the user's sessions end."""
    hashed = _hasher.hash(_check_password(password))
    with store._writing("changing a password") as s:  # noqa: SLF001
        user = _user(s, name)
        user.password_hash = hashed
        s.execute(delete(AuthSession).where(AuthSession.user_id == user.id))


def set_role(store: Any, name: str, role: str) -> None:
    _check_role(role)
    with store._writing("changing a role") as s:  # noqa: SLF001
        _user(s, name).role = role


# --------------------------------------------------------------------------- login and sessions


def _locked_for(s: Any, name: str, client: str, now: datetime) -> int | None:
    """Seconds until a login for ``name`` from ``client`` is allowed again, or None."""
    since = now - FAIL_WINDOW
    waits = []
    for column, value, limit in ((LoginFailure.username, name, FAIL_LIMIT_USER),
                                 (LoginFailure.client, client, FAIL_LIMIT_CLIENT)):
        times = list(s.scalars(select(LoginFailure.at).where(column == value, LoginFailure.at > since)
                               .order_by(LoginFailure.at.desc()).limit(limit)))
        if len(times) >= limit:
            oldest = _aware(times[-1])
            waits.append(max(1, int((oldest + FAIL_WINDOW - now).total_seconds()) + 1))
    return max(waits) if waits else None


def login(store: Any, name: str, password: str, client: str = "unknown") -> tuple[SessionInfo, str]:
    """Check a name and password; returns the session and its token (give the token to the client
    only, in a cookie). ``HW-AUTH-BAD-LOGIN`` or ``HW-AUTH-LOCKED`` (``retry_after`` seconds)."""
    name = (name or "")[:64]
    client = (client or "unknown")[:64]
    now = _now()
    with store._writing("checking a login") as s:  # noqa: SLF001
        s.execute(delete(LoginFailure).where(LoginFailure.at <= now - FAIL_WINDOW))
        wait = _locked_for(s, name, client, now)
        if wait is not None:
            raise AuthError("too many failed logins; try again later", code="HW-AUTH-LOCKED",
                            hint=f"wait {wait} seconds", retry_after=wait)
        user = s.scalars(select(User).where(User.name == name)).first()
        ok = False
        try:
            ok = _hasher.verify(user.password_hash if user else _DUMMY_HASH, password or "") and user is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if not ok:
            s.add(LoginFailure(username=name, client=client, at=now))
    if not ok:
        raise AuthError("wrong user name or password", code="HW-AUTH-BAD-LOGIN",
                        hint=f"{FAIL_LIMIT_USER} failed attempts in {int(FAIL_WINDOW.total_seconds() // 60)} "
                             "minutes lock the account for a while")
    return open_session(store, name, password=password)


def open_session(store: Any, name: str, *, password: str | None = None) -> tuple[SessionInfo, str]:
    """A new session for user ``name`` (after :func:`login` checked the password; ``password``
    upgrades an outdated hash). Returns the session and its token."""
    now = _now()
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(hours=SESSION_HOURS)
    with store._writing("opening a session") as s:  # noqa: SLF001
        user = _user(s, name)
        if password is not None and _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        s.execute(delete(LoginFailure).where(LoginFailure.username == name))
        s.execute(delete(AuthSession).where(AuthSession.expires_at <= now))
        s.add(AuthSession(token_hash=token_hash(token), user_id=user.id, created_at=now, last_seen_at=now,
                          expires_at=expires))
        info = UserInfo(user.name, user.role)
    return SessionInfo(info, csrf_for(token), expires.isoformat()), token


def session_of(store: Any, token: str | None) -> SessionInfo | None:
    """The live session of a token, or None (unknown, expired, or its user removed)."""
    if not token or len(token) > 200:
        return None
    now = _now()
    digest = token_hash(token)
    with store._read() as s:  # noqa: SLF001
        row = s.execute(select(AuthSession, User).join(User, User.id == AuthSession.user_id)
                        .where(AuthSession.token_hash == digest)).first()
    if row is None:
        return None
    sess, user = row
    if _aware(sess.expires_at) <= now:
        return None
    if now - _aware(sess.last_seen_at) > _TOUCH_EVERY:
        with store._writing("touching a session") as s:  # noqa: SLF001
            live = s.get(AuthSession, digest)
            if live is not None:
                live.last_seen_at = now
    return SessionInfo(UserInfo(user.name, user.role), csrf_for(token), _aware(sess.expires_at).isoformat())


def logout(store: Any, token: str | None) -> None:
    if not token:
        return
    with store._writing("closing a session") as s:  # noqa: SLF001
        s.execute(delete(AuthSession).where(AuthSession.token_hash == token_hash(token)))


def count_sessions(store: Any) -> int:
    with store._read() as s:  # noqa: SLF001
        return s.scalar(select(func.count()).select_from(AuthSession)) or 0
