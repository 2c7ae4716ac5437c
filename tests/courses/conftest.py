"""Fixtures of the courses tests: a catalogue under the demo home page."""

import pytest

from tests.factories import course_create, course_index_create


@pytest.fixture
def catalogue(home_page):
    return course_index_create(home=home_page)


@pytest.fixture
def course(catalogue):
    return course_create(index=catalogue, title="Sử dụng chữ ký số", slug="chu-ky-so", lessons=3)
