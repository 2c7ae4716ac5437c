"""What the Wagtail admin's chrome is kept under (lms/admin_chrome_tags.py keeps it): a memo in
this process, the shared admin chrome token, and the key of one person's sidebar.

Wagtail 8 builds the sidebar on every admin page: it asks each of some thirty menu items whether
it is shown (model, page and collection permission checks), packs the menu with telepath and
serialises it to JSON; it reads the locales and gathers its JavaScript strings for its config,
and renders the keyboard shortcuts dialog and every icon from a template. That was about a third
of a report page's time, for a result that changes only when the person, their permissions,
their unit roles, the page tree or the language change.

The token changes (`chrome_changed`, connected in lms.apps) when something the person's key
cannot see changes: groups and their model, page or collection permissions, a person's groups
or own permissions, unit roles, units (saved, deleted or moved), locales. The same key keeps a
report viewer's units (`scope_memo`), which change with exactly these. Kept values also expire after CHROME_SECONDS,
so nothing stale outlives that. Only navigation is kept: every view checks its own permissions.
"""

import hashlib
import json
import time
from uuid import uuid4

from django.core.cache import cache
from django.utils.translation import get_language

from people.selectors import unit_roles_of

from . import generation

CHROME_KEY = "lms:admin-chrome"
CHROME_SECONDS = 300
MAX_ENTRIES = 2000


class ChromeMemo:
    """Values kept in this process for `seconds`, at most `max_entries` of them."""

    def __init__(self, max_entries: int = MAX_ENTRIES, seconds: float = CHROME_SECONDS):
        self.max_entries, self.seconds = max_entries, seconds
        self._values: dict = {}

    def get_or_compute(self, key, compute):
        now = time.monotonic()
        kept = self._values.get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
        value = compute()
        if len(self._values) >= self.max_entries:
            self._values = {}
        self._values[key] = (now + self.seconds, value)
        return value

    def clear(self) -> None:
        self._values = {}


memo = ChromeMemo()
# A report viewer's units (reports.views.base): up to a province's hundreds of rows each, so
# fewer of them.
scope_memo = ChromeMemo(max_entries=100)


def chrome_changed(**kwargs) -> None:
    """A new admin chrome token: no worker reads what it kept under the old one again. Random,
    not a counter, so that an emptied cache never brings an old token back."""
    cache.set(CHROME_KEY, uuid4().hex, None)


def chrome_token(request) -> str | None:
    """The shared token, read once per request; None (keep nothing) while the cache is away."""
    if not hasattr(request, "_admin_chrome_token"):
        token = cache.get(CHROME_KEY)
        if token is None:
            cache.add(CHROME_KEY, uuid4().hex, None)
            token = cache.get(CHROME_KEY)  # another worker's, if it added its own first
        request._admin_chrome_token = token
    return request._admin_chrome_token


def wagtail_profile(user):
    """Wagtail's profile of the person (theme, avatar, dismissed items), or None."""
    return getattr(user, "wagtail_userprofile", None)


def person_key(request) -> str | None:
    """A digest of everything one person's sidebar is built from, or None when it cannot be
    kept. The model permissions and unit roles were read for this request already (the admin
    access check, the menu's report scope), so the key costs no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    token = chrome_token(request)
    if token is None:
        return None
    profile = wagtail_profile(user)
    parts = (
        token,
        generation.current(),  # the page tree: the explorer's start page, form pages
        get_language(),
        user.pk,
        user.get_username(),
        user.first_name,
        user.email,
        user.is_active,
        user.is_staff,
        user.is_superuser,
        # A superuser has every permission: Django does not list them to answer has_perm.
        "*" if user.is_superuser else sorted(user.get_all_permissions()),
        sorted(unit_roles_of(user)),
        profile and profile.avatar.name,
        profile and sorted((profile.dismissibles or {}).items()),
    )
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def connect() -> None:
    """A new token whenever groups, permissions, unit roles, units or locales change."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Locale

    from people.models import OrgUnit, UnitRole, User
    from people.signals import unit_tree_moved

    for model in (
        Group,
        Permission,
        GroupPagePermission,
        GroupCollectionPermission,
        Locale,
        UnitRole,
        OrgUnit,
    ):
        _connect_saves(model)
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            chrome_changed, sender=through, dispatch_uid=f"lms-admin-chrome-{through.__name__}"
        )
    unit_tree_moved.connect(chrome_changed, dispatch_uid="lms-admin-chrome-unit-tree-moved")


def _connect_saves(model) -> None:
    from django.db.models.signals import post_delete, post_save

    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            chrome_changed, sender=model, dispatch_uid=f"lms-admin-chrome-{name}-{model.__name__}"
        )
