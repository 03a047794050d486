"""Settings of the HTTP benchmark (bench/bench_api.py): gridcity's own, plus the bare comparison app."""

from gridcity.settings import *  # noqa: F403
from gridcity.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bare"]
ROOT_URLCONF = "bench_urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
