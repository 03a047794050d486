"""API keys: issued once, stored hashed, and accepted only for an active client with the scope."""

import pytest

from gridcity.clients.access import authenticate, issue_key
from gridcity.clients.models import ApiClient


def test_a_new_key_authenticates_its_client(make_client, django_assert_num_queries):
    client, key = make_client()
    assert key.startswith(f"gc_{client.key_prefix}_")
    with django_assert_num_queries(1):
        assert authenticate(key, "hotline") == client


def test_only_the_hash_of_the_key_is_stored(make_client):
    client, key = make_client()
    stored = ApiClient.objects.filter(pk=client.pk).values().get()
    assert key not in [str(value) for value in stored.values()]
    assert len(stored["key_hash"]) == 64


def test_a_key_is_refused_for_a_scope_the_client_lacks(make_client):
    _client, key = make_client(scopes=["open311"])
    assert authenticate(key, "hotline") is None
    assert authenticate(key, "open311") is not None


def test_the_key_of_an_inactive_client_is_refused(make_client):
    client, key = make_client()
    client.is_active = False
    client.save()
    assert authenticate(key, "hotline") is None


@pytest.mark.parametrize("mangle", [lambda k: k[:-1] + ("A" if k[-1] != "A" else "B"), lambda k: k + "x"])
def test_a_wrong_secret_with_a_known_prefix_is_refused(make_client, mangle):
    _client, key = make_client()
    assert authenticate(mangle(key), "hotline") is None


@pytest.mark.parametrize("key", ["", None, "gc_short_x", "xx_12345678_secret", "gc_12345678_", 42])
def test_a_malformed_key_is_refused(make_client, key):
    make_client()
    assert authenticate(key, "hotline") is None


def test_a_new_key_replaces_the_old_one_and_keeps_the_signing_secret(make_client):
    client, old = make_client()
    secret = client.webhook_secret
    new = issue_key(client)
    assert authenticate(old, "hotline") is None
    assert authenticate(new, "hotline") == client
    client.refresh_from_db()
    assert client.webhook_secret == secret  # the receiver's copy of the secret stays valid


def test_a_chosen_key_must_have_the_shape_of_a_key(county):
    client = ApiClient(name="演示", jurisdiction=county, scopes=["open311"])
    with pytest.raises(ValueError, match="gc_<8 characters>_<secret>"):
        issue_key(client, key="demo-key")
    assert issue_key(client, key="gc_demo0001_readme-key") == "gc_demo0001_readme-key"
    assert authenticate("gc_demo0001_readme-key", "open311") == client
