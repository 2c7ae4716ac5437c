"""people.backends.PermissionBackend: ModelBackend's permissions, in one query."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.backends import PermissionBackend
from people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user) -> User:
    """The same person without the permission caches of an earlier read."""
    return User.objects.get(pk=user.pk)


def both_ways(user):
    ours, django = PermissionBackend(), ModelBackend()
    a, b = fresh(user), fresh(user)
    return (
        (ours.get_user_permissions(a), ours.get_group_permissions(a), ours.get_all_permissions(a)),
        (
            django.get_user_permissions(b),
            django.get_group_permissions(b),
            django.get_all_permissions(b),
        ),
    )


@pytest.fixture
def person_with_permissions():
    person = UserFactory()
    person.user_permissions.add(Permission.objects.get(codename="access_admin"))
    editors = Group.objects.create(name="Biên tập thử")
    editors.permissions.add(*Permission.objects.filter(codename__in=["add_group", "view_group"]))
    # A permission held both ways is counted once in the union.
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    other = Group.objects.create(name="Nhóm khác")
    other.permissions.add(Permission.objects.get(codename="delete_group"))
    person.groups.add(editors)
    return person


def test_same_permissions_as_model_backend(person_with_permissions):
    ours, django = both_ways(person_with_permissions)
    assert ours == django
    assert ours[2] == {
        "wagtailadmin.access_admin",
        "auth.add_group",
        "auth.view_group",
    }


def test_superuser_has_every_permission_and_inactive_or_anonymous_none(person_with_permissions):
    ours, django = both_ways(UserFactory(is_superuser=True))
    assert ours == django
    assert len(ours[2]) == Permission.objects.count()
    person_with_permissions.is_active = False
    person_with_permissions.save()
    ours, django = both_ways(person_with_permissions)
    assert ours == django == (set(), set(), set())
    assert PermissionBackend().get_all_permissions(AnonymousUser()) == set()


def test_one_query_for_every_check_of_a_request(person_with_permissions):
    person = fresh(person_with_permissions)
    with CaptureQueriesContext(connection) as queries:
        assert person.has_perm("wagtailadmin.access_admin")
        assert person.has_perm("auth.view_group")
        # Not held: every backend is asked; ModelBackend and allauth's read the kept set.
        assert not person.has_perm("auth.delete_group")
        assert person.get_all_permissions() >= {"auth.add_group"}
    assert len(queries) == 1


def test_it_logs_no_one_in(person_with_permissions):
    person_with_permissions.set_password("mat-khau-dai-2026")
    person_with_permissions.save()
    backend = PermissionBackend()
    assert (
        backend.authenticate(
            None, username=person_with_permissions.username, password="mat-khau-dai-2026"
        )
        is None
    )
