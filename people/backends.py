"""Permissions read in one plain query, for every admin request (settings.AUTHENTICATION_BACKENDS).

Django's ModelBackend builds two ORM queries through the user's groups on the first permission
check of each request: about 3 ms of Python on a manager's report page, more than the database
takes to answer. This backend reads the same (app label, codename) pairs, from the user's own
permissions and their groups', in one fixed SQL statement, and keeps them in the attributes
ModelBackend keeps them in, so ModelBackend and allauth's backend after it read them from there.

It only answers permission questions: it authenticates no one (ModelBackend and allauth's
backend still do), so existing sessions, which name the backend that logged them in, stay valid.
"""

import functools

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router

from .models import User


def _column(model, name: str) -> str:
    return model._meta.get_field(name).column


@functools.cache
def _permissions_sql(alias: str) -> tuple[str, str]:
    """(everyone's, one user's) statements, from the models' own table and column names, made
    once per database."""
    quote = connections[alias].ops.quote_name
    permission, content_type = Permission._meta.db_table, ContentType._meta.db_table
    user_groups = User.groups.through
    user_permissions = User.user_permissions.through
    group_permissions = Group.permissions.through
    every = (
        f"SELECT 'user', ct.{quote('app_label')}, p.{quote('codename')}"  # noqa: S608  # nosec B608
        f" FROM {quote(permission)} p"
        f" JOIN {quote(content_type)} ct ON ct.{quote('id')} = p.{quote('content_type_id')}"
    )
    user_id = quote(_column(user_permissions, "user"))
    group_user_id = quote(_column(user_groups, "user"))
    own = (
        f"SELECT 'user', ct.{quote('app_label')}, p.{quote('codename')}"  # noqa: S608  # nosec B608
        f" FROM {quote(user_permissions._meta.db_table)} up"
        f" JOIN {quote(permission)} p"
        f" ON p.{quote('id')} = up.{quote(_column(user_permissions, 'permission'))}"
        f" JOIN {quote(content_type)} ct ON ct.{quote('id')} = p.{quote('content_type_id')}"
        f" WHERE up.{user_id} = %s"
        " UNION ALL "
        f"SELECT 'group', ct.{quote('app_label')}, p.{quote('codename')}"
        f" FROM {quote(user_groups._meta.db_table)} ug"
        f" JOIN {quote(group_permissions._meta.db_table)} gp"
        f" ON gp.{quote(_column(group_permissions, 'group'))}"
        f" = ug.{quote(_column(user_groups, 'group'))}"
        f" JOIN {quote(permission)} p"
        f" ON p.{quote('id')} = gp.{quote(_column(group_permissions, 'permission'))}"
        f" JOIN {quote(content_type)} ct ON ct.{quote('id')} = p.{quote('content_type_id')}"
        f" WHERE ug.{group_user_id} = %s"
    )
    # Both are made of the quoted table and column names of Django's and our own models.
    return every, own


class PermissionBackend(ModelBackend):
    """ModelBackend's permission rules (inactive and anonymous users have none, a superuser has
    all, object permissions are not ModelBackend's), with both caches filled by one query."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return None

    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cache_name = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, cache_name):
            self._read_permissions(user_obj)
        return getattr(user_obj, cache_name)

    @staticmethod
    def _read_permissions(user_obj) -> None:
        alias = router.db_for_read(Permission)
        every, own = _permissions_sql(alias)
        with connections[alias].cursor() as cursor:
            if user_obj.is_superuser:
                cursor.execute(every)
            else:
                cursor.execute(own, [user_obj.pk, user_obj.pk])
            rows = cursor.fetchall()
        found = {"user": set(), "group": set()}
        for source, app_label, codename in rows:
            found[source].add(f"{app_label}.{codename}")
        if user_obj.is_superuser:  # ModelBackend gives a superuser every permission both ways
            found["group"] = found["user"]
        user_obj._user_perm_cache = found["user"]
        user_obj._group_perm_cache = found["group"]
