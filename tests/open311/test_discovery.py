from gridcity.open311 import schemas


def test_discovery_names_this_endpoint_and_both_formats(api, fmt, db):
    answer = api.get("discovery", fmt, schemas.DISCOVERY)

    assert answer.status == 200
    (endpoint,) = answer.data["endpoints"]
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    assert answer.data["key_service"]


def test_an_unknown_format_is_not_found(client, db):
    response = client.get("/open311/v2/discovery.html")

    assert response.status_code == 404
    assert b"<errors><error><code>404</code>" in response.content
    assert "html" in response.content.decode()
