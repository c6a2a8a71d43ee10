import sys

from fabric_auth import load_settings
from fabric_auth.exceptions import ConfigurationError


def main() -> int:
    """Validate the FABRIC_AUTH_* settings of this environment, as the app will at startup."""
    try:
        settings = load_settings()
    except ConfigurationError as exc:
        print(f"fabric-auth settings: {exc}", file=sys.stderr)
        return 2
    store = settings.database_url.partition("://")[0]
    print(f"ok: environment={settings.environment} store={store}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
