"""The messages fabric-auth sends, as templates an app can replace.

```python
from dataclasses import replace
from fabric_auth.mail import MailTemplate, MailTemplates

templates = replace(
    MailTemplates(),
    password_reset=MailTemplate(
        subject="Reset your $app_name password",
        text="Hello,\\n\\nfollow $link within $expires_minutes minutes.\\n",
    ),
)
auth = FabricAuth(settings, mail_templates=templates)
```

Templates are `string.Template`s: `$link`, `$email`, `$app_name` and `$expires_minutes` are
available; anything else is refused when the template is made, not when a user needs the mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from string import Template

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.mail.base import EmailMessage

PLACEHOLDERS = frozenset({"link", "email", "app_name", "expires_minutes"})


@dataclass(frozen=True, slots=True)
class MailTemplate:
    subject: str
    text: str
    html: str | None = None

    def __post_init__(self) -> None:
        for part in (self.subject, self.text, self.html or ""):
            template = Template(part)
            unknown = set(template.get_identifiers()) - PLACEHOLDERS
            if unknown or not template.is_valid():
                raise ConfigurationError(
                    f"mail template uses unknown placeholders {sorted(unknown)}; "
                    f"available: {sorted(PLACEHOLDERS)}"
                    if unknown
                    else f"mail template is not a valid string.Template: {part[:40]!r}"
                )

    def render(self, kind: str, to: str, **values: str) -> EmailMessage:
        values = {"email": to, **values}
        return EmailMessage(
            to=to,
            subject=Template(self.subject).substitute(values).replace("\n", " "),
            text=Template(self.text).substitute(values),
            html=Template(self.html).substitute(values) if self.html is not None else None,
            kind=kind,
        )


@dataclass(frozen=True, slots=True)
class MailTemplates:
    password_reset: MailTemplate = field(
        default_factory=lambda: MailTemplate(
            subject="Reset your $app_name password",
            text=(
                "Someone asked to reset the password of the $app_name account for $email.\n\n"
                "To choose a new password, open this link within $expires_minutes minutes:\n\n"
                "$link\n\n"
                "If it was not you, ignore this message: your password stays as it is.\n"
            ),
        )
    )
    verify_email: MailTemplate = field(
        default_factory=lambda: MailTemplate(
            subject="Confirm your email address for $app_name",
            text=(
                "Please confirm that $email is your address by opening this link within "
                "$expires_minutes minutes:\n\n$link\n\n"
                "If you did not sign up for $app_name, ignore this message.\n"
            ),
        )
    )
    change_email: MailTemplate = field(
        default_factory=lambda: MailTemplate(
            subject="Confirm your new email address for $app_name",
            text=(
                "Someone asked to use $email as the address of their $app_name account.\n\n"
                "To confirm, open this link within $expires_minutes minutes:\n\n$link\n\n"
                "If it was not you, ignore this message: nothing changes.\n"
            ),
        )
    )
    email_changed: MailTemplate = field(
        default_factory=lambda: MailTemplate(
            subject="Your $app_name email address was changed",
            text=(
                "The $app_name account that used $email now uses another address.\n\n"
                "If you did not make this change, contact the administrators at once.\n"
            ),
        )
    )
    account_exists: MailTemplate = field(
        default_factory=lambda: MailTemplate(
            subject="You already have a $app_name account",
            text=(
                "Someone tried to register a new $app_name account with $email, but this "
                "address already has an account.\n\n"
                'If it was you, sign in here (choose "forgot password" there if you do not '
                "remember your password):\n\n$link\n\n"
                "If it was not you, ignore this message: nothing changed.\n"
            ),
        )
    )
    invite: MailTemplate = field(
        default_factory=lambda: MailTemplate(
            subject="You are invited to $app_name",
            text=(
                "An account on $app_name was created for $email.\n\n"
                "To activate it and choose your password, open this link within "
                "$expires_minutes minutes:\n\n$link\n"
            ),
        )
    )
