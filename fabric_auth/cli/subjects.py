"""Whom a command is about: an account by email or username, a service account by slug."""

from __future__ import annotations

from fabric_auth.exceptions import NotFound
from fabric_auth.principal import SubjectRef
from fabric_auth.services.container import AuthServices
from fabric_auth.store.models import User


async def find_user(services: AuthServices, login: str) -> User:
    """The account with this email or username; `NotFound` ("no account LOGIN", exit 1)."""
    user = await services.users.find_by_login(login)
    if user is None:
        raise NotFound(f"no account {login}")
    return user


async def find_subject(services: AuthServices, login: str | None, slug: str | None) -> SubjectRef:
    """The service account `slug` names, else the account `login` names (argparse gives
    exactly one of them)."""
    if slug is not None:
        return SubjectRef.service_account((await services.service_accounts.get_by_slug(slug)).id)
    assert login is not None
    return SubjectRef.user((await find_user(services, login)).id)
