"""The admin makes an API client and shows its key once; afterwards only the prefix is seen."""

import re

import pytest
from django.urls import reverse

from gridcity.clients.access import authenticate
from gridcity.clients.models import ApiClient
from gridcity.org.models import User


@pytest.fixture(autouse=True)
def _english(client, settings):
    # The console speaks Chinese first; these tests read the English messages.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def root(county):
    return User.objects.create_superuser("root", password="secret-pass-1")


def test_a_new_client_gets_a_key_shown_once(client, root, county):
    client.force_login(root)
    response = client.post(
        reverse("admin:clients_apiclient_add"),
        {
            "name": "12345热线平台",
            "jurisdiction": county.pk,
            "source": "12345",
            "scopes": ["hotline"],
            "rate_limit": 600,
            "webhook_url": "https://12345.example.cn/gridcity",
            "is_active": "on",
            "note": "",
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "cannot be shown again" in page
    (key,) = set(re.findall(r"gc_[0-9a-f]{8}_[A-Za-z0-9_-]+", page))
    api_client = ApiClient.objects.get()
    assert authenticate(key, "hotline") == api_client
    assert api_client.webhook_secret  # ready to sign its webhooks

    change_page = client.get(reverse("admin:clients_apiclient_change", args=[api_client.pk])).content.decode()
    assert api_client.key_prefix in change_page and key not in change_page


def test_a_new_key_from_the_admin_replaces_the_old(client, root, make_client):
    api_client, old = make_client()
    client.force_login(root)
    page = client.post(
        reverse("admin:clients_apiclient_changelist"),
        {"action": "new_key", "_selected_action": [api_client.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    (new,) = set(re.findall(r"gc_[0-9a-f]{8}_[A-Za-z0-9_-]+", page))
    assert authenticate(new, "hotline") == api_client
    assert authenticate(old, "hotline") is None
