"""API clients of the hand-made county, and a fresh in-process cache for the rate limits."""

import pytest
from django.core.cache import cache

from gridcity.clients.access import issue_key
from gridcity.clients.models import ApiClient


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "clients-tests"}
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_client(county):
    """A function making an API client; returns (client, its plain key)."""

    def make(name="12345热线平台", scopes=("hotline",), **fields):
        client = ApiClient(name=name, jurisdiction=county, scopes=list(scopes), **fields)
        key = issue_key(client)
        return client, key

    return make
