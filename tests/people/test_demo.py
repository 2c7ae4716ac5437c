"""People demo data: every team has members with a learner profile; a second run adds nothing."""

import pytest

from people import demo
from people.models import LearnerProfile, Membership, OrgUnit, User

pytestmark = pytest.mark.django_db


def test_every_demo_team_has_three_to_five_members_and_seeding_twice_adds_nothing():
    demo.seed()
    counts = (User.objects.count(), LearnerProfile.objects.count(), Membership.objects.count())
    demo.seed()
    assert (User.objects.count(), LearnerProfile.objects.count(), Membership.objects.count()) == (
        counts
    )
    for team in OrgUnit.objects.filter(kind="team"):
        assert 3 <= Membership.objects.filter(unit=team).count() <= 7


def test_every_demo_account_has_a_learner_profile():
    demo.seed()
    assert not User.objects.filter(profile__isnull=True).exists()
