"""Open311 GeoReport v2, mounted at /open311/v2/: every resource ends in .xml or .json."""

from django.urls import re_path

from . import views

app_name = "open311"

# The format is any word, so that an unknown one (.html, .csv) is answered with a 404 error.
FMT = r"\.(?P<fmt>[A-Za-z0-9]+)$"

urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.services, name="services"),
    re_path(r"^services/(?P<code>[^/]+)" + FMT, views.service_definition, name="service"),
    # An older client asks for the singular path.
    re_path(r"^service/(?P<code>[^/]+)" + FMT, views.service_definition, name="service-alias"),
    re_path(r"^requests" + FMT, views.requests, name="requests"),
    re_path(r"^requests/(?P<number>[^/]+)" + FMT, views.service_request, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+)" + FMT, views.token, name="token"),
    re_path(r"^servicerequestupdates" + FMT, views.request_updates, name="updates"),
]
