"""Fixtures shared by every test package."""

import pytest

from tests.factories import UserFactory


@pytest.fixture
def home_page(db):
    from lms.demo import seed

    return seed()


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Nguyễn Văn An")
