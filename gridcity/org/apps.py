from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "gridcity.org"
    verbose_name = _("Organisation")

    def ready(self):
        from django.db.models.signals import post_migrate

        from gridcity import checks  # noqa: F401  (registers the deploy checks)

        post_migrate.connect(create_role_groups, sender=self, dispatch_uid="gridcity-role-groups")


def create_role_groups(using="default", **kwargs):
    """After every migrate: one group per role with its permissions (gridcity.org.roles)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from .roles import ensure_role_groups

    # The groups need the permissions of apps that may migrate after this one.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_role_groups()
