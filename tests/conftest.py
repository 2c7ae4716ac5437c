"""Fixtures shared by every test package."""

import pytest

from tests.factories import UserFactory


@pytest.fixture
def home_page(db):
    from lms.demo import seed_home

    return seed_home()


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Nguyễn Văn An")
