"""`fabric-auth keys rotate`, on every store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fabric_auth.principal import SubjectRef
from fabric_auth.store.models import ApiKey, User
from fabric_auth.tokens.api_keys import hash_key
from tests.cli.conftest import on_store
from tests.conftest import RunningApp


async def test_rotate_prints_the_new_key_and_ends_the_old_one(
    project: Path, store: str, running: RunningApp
) -> None:
    """keys rotate stores a successor with the same name and scopes, prints it alone on stdout
    and revokes the old key; with --overlap-seconds the old key lives on that long, unrevoked."""
    ada = await User.get(email_normalized="ada@example.com")
    issued = await running.auth.services.api_keys.create(
        None, SubjectRef.user(ada.id), name="ci", scopes=["account:read"]
    )
    first = issued.key.id
    rotated = on_store(project, store, "keys", "rotate", str(first))
    assert rotated.returncode == 0, rotated.stderr
    second = await ApiKey.get(key_hash=hash_key(rotated.stdout.strip()))
    assert (second.name, second.scopes, second.user_id) == ("ci", ["account:read"], ada.id)
    old = await ApiKey.get(id=first)
    assert old.replaced_by == second.id
    assert old.revoked_at is not None and old.revoked_by == f"rotated:{second.id}"
    assert rotated.stderr.startswith(f"rotated key {first} into {second.id} (")
    assert "; the old key is revoked, scopes account:read, expires " in rotated.stderr

    overlapping = on_store(
        project, store, "keys", "rotate", str(second.id), "--overlap-seconds", "600"
    )
    assert overlapping.returncode == 0, overlapping.stderr
    third = await ApiKey.get(key_hash=hash_key(overlapping.stdout.strip()))
    second = await ApiKey.get(id=second.id)
    assert (second.replaced_by, second.revoked_at) == (third.id, None)
    assert timedelta(seconds=595) < second.expires_at - third.created_at <= timedelta(seconds=600)
    assert f"the old key works until {second.expires_at.isoformat()}" in overlapping.stderr


async def test_rotate_refuses_an_unknown_key_or_a_long_overlap(
    project: Path, store: str, running: RunningApp
) -> None:
    """An unknown key id or an overlap past a week exits 1 with the reason; no key is stored."""
    ada = await User.get(email_normalized="ada@example.com")
    issued = await running.auth.services.api_keys.create(
        None, SubjectRef.user(ada.id), name="ci", scopes=["account:read"]
    )
    too_long = on_store(
        project, store, "keys", "rotate", str(issued.key.id), "--overlap-seconds", "604801"
    )
    assert too_long.returncode == 1
    assert too_long.stderr == "fabric-auth: overlap_seconds must be between 0 and 604800\n"
    unknown = on_store(project, store, "keys", "rotate", "00000000-0000-0000-0000-000000000000")
    assert (unknown.returncode, unknown.stderr) == (1, "fabric-auth: No such API key\n")
    assert await ApiKey.all().count() == 1
