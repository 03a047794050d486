from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def development_secret_key(app_configs, **kwargs):
    """`manage.py check --deploy` fails while the public development key is in use."""
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        return [
            checks.Error(
                "The development SECRET_KEY is in use; it is public and must never run in production.",
                hint="Set GRIDCITY_SECRET_KEY to a long random value (docs/deploy.md).",
                id="gridcity.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def debug_off(app_configs, **kwargs):
    if settings.DEBUG:
        return [
            checks.Error(
                "DEBUG is on; production must run with GRIDCITY_DEBUG=0.",
                id="gridcity.E002",
            )
        ]
    return []
