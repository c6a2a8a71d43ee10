"""The Tortoise ORM store: models, connection lifecycle and shipped migrations."""

from fabric_auth.store.config import APP_LABEL, MODELS_MODULE, app_config, tortoise_config

__all__ = ["APP_LABEL", "MODELS_MODULE", "app_config", "tortoise_config"]
