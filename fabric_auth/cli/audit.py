"""`fabric-auth audit`: the audit log's hash chain."""

from __future__ import annotations

import argparse

from fabric_auth.cli.context import Commands, command_group, on_services, say
from fabric_auth.services.container import AuthServices


async def verify(services: AuthServices, args: argparse.Namespace) -> int:
    report = await services.audit.verify()
    if report.broken is not None:
        say(
            f"audit chain BROKEN at entry {report.broken.seq}: {report.broken.reason}",
            f"({report.entries} entries before it verified)",
        )
        return 1
    if report.entries == 0:
        say("audit chain intact: no entries")
    else:
        say(
            f"audit chain intact: {report.entries} entries "
            f"(seq {report.first_seq}..{report.last_seq})",
            f"head {report.head_hash}",
        )
    if report.unsequenced:
        assert report.oldest_unsequenced is not None
        say(
            f"{report.unsequenced} entries committed but not yet sequenced "
            f"(oldest {report.oldest_unsequenced.isoformat(timespec='seconds')}): a running "
            "instance places them within seconds"
        )
    return 0


def add_commands(commands: Commands) -> None:
    audit = command_group(commands, "audit", "the audit log")
    audit.add_parser(
        "verify", help="check the hash chain; report the first broken entry (exit 1)"
    ).set_defaults(run=on_services(verify))
