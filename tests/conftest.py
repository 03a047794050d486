"""Shared fixtures: a small hand-made county, the demo county, and named people."""

import pytest

from gridcity.org.models import Jurisdiction, Unit, User
from gridcity.org.roles import Role, ensure_role_groups


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Photos and videos the tests upload go to a throwaway folder, not var/media.
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Hashing on purpose takes most of a second; tests make many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Every locate() call compares the layer revision, so a rolled-back test never leaks
    # its grids into the next one through the in-memory index.
    settings.GRID_INDEX_RECHECK_SECONDS = 0
    settings.WORKTIME_CALENDAR_RECHECK_SECONDS = 0


@pytest.fixture
def county(db):
    """A jurisdiction with one unit and the role groups, but no grids."""
    ensure_standard_catalog()
    jurisdiction = Jurisdiction.objects.create(code="371327", name="莒南县")
    Unit.objects.create(
        jurisdiction=jurisdiction, code="urban-management", name="县城市管理局", kind=Unit.Kind.DEPARTMENT
    )
    ensure_role_groups()
    return jurisdiction


def make_person(jurisdiction, username, role, **fields):
    from django.contrib.auth.models import Group

    user = User.objects.create_user(
        username=username, password="secret-pass-1", jurisdiction=jurisdiction, **fields
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def collector(county):
    return make_person(county, "zhang", Role.COLLECTOR, last_name="张", first_name="伟")


@pytest.fixture
def county_leader(county):
    return make_person(county, "leader", Role.COUNTY_LEADER, last_name="李", first_name="明")


def ensure_standard_catalog():
    """Load the standard classes again if a transactional test's flush emptied the tables.

    They come from a data migration; Django's flush after a transactional test deletes them,
    and later tests in the same run would find an empty catalogue.
    """
    from importlib import import_module

    from django.apps import apps

    from gridcity.catalog.models import MinorClass

    if not MinorClass.objects.exists():
        import_module("gridcity.catalog.migrations.0002_standard_classes").load_classes(apps, None)


@pytest.fixture
def demo_county(db):
    from gridcity.demo.county import load_demo

    ensure_standard_catalog()
    jurisdiction, _accounts = load_demo(cases=False)
    return jurisdiction
