"""The console's tests use the case tests' personas and fixtures (people, units, reported, cycle, ...)."""

from tests.cases.conftest import *  # noqa: F403
