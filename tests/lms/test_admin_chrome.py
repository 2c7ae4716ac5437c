"""The Wagtail admin's chrome kept per process (lms/admin_chrome.py): the same HTML as Wagtail's,
one sidebar per person, and every change that the menu depends on seen at the next page."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.template import Context, Engine, engines
from django.template.backends.django import get_installed_libraries
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from wagtail.admin.menu import DismissibleMenuItemMixin, SubmenuMenuItem, admin_menu
from wagtail.admin.templatetags import wagtailadmin_tags as wagtail_tags
from wagtail.models import GroupPagePermission, Page
from wagtail.users.models import UserProfile

from lms.admin_chrome import memo
from people.models import UnitRole
from tests.factories import UserFactory, unit_create

pytestmark = pytest.mark.django_db

HOME = reverse("wagtailadmin_home")


@pytest.fixture(autouse=True)
def empty_memo():
    memo.clear()
    yield
    memo.clear()


@pytest.fixture
def units(db):
    province = unit_create(name="Tỉnh thử", code="P", kind="province")
    return {
        "a": unit_create(name="Xã A", code="A", parent=province),
        "b": unit_create(name="Xã B", code="B", parent=province),
    }


def admin_user(**fields):
    user = UserFactory(**fields)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def manager_of(unit, **fields):
    user = admin_user(**fields)
    UnitRole.objects.create(user=user, unit=unit, role="manager")
    return user


def page_of(user, client=None, *, path=HOME, **headers) -> str:
    client = client or Client()
    client.force_login(user)
    response = client.get(path, **headers)
    assert response.status_code == 200
    return response.content.decode()


def sidebar(html: str) -> dict:
    found = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html
    )
    return json.loads(found.group(1))


def sidebar_text(html: str) -> str:
    return json.dumps(sidebar(html), ensure_ascii=False)


def menu_names(html: str) -> set[str]:
    return set(re.findall(r'"name": "([^"]+)"', sidebar_text(html)))


def config(html: str) -> dict:
    found = re.search(r'<script id="wagtail-config" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def request_for(user, user_agent="Mozilla/5.0 (X11; Linux x86_64)"):
    request = RequestFactory().get(HOME, HTTP_USER_AGENT=user_agent)
    request.user = user
    return request


def rendered(source: str, request) -> str:
    return engines["django"].from_string(source).render({"request": request}, request)


def wagtails_own(source: str, request) -> str:
    """The same template through an engine with Wagtail's own `wagtailadmin_tags`."""
    engine = Engine(app_dirs=True, libraries=get_installed_libraries())
    return engine.from_string(source).render(Context({"request": request}))


def test_the_kept_sidebar_is_wagtails_own_and_is_kept(units):
    manager = manager_of(units["a"])
    source = "{% load wagtailadmin_tags %}{% sidebar_props %}"
    ours = rendered(source, request_for(manager))
    assert ours == wagtails_own(source, request_for(manager))
    kept = [key for key in memo._values if key[0] == "sidebar_props"]
    assert len(kept) == 1
    assert rendered(source, request_for(manager)) == ours
    assert [key for key in memo._values if key[0] == "sidebar_props"] == kept


def test_each_person_gets_their_own_sidebar(units):
    manager_a = manager_of(units["a"], username="quanly-a", first_name="An")
    manager_b = manager_of(units["b"], username="quanly-b", first_name="Bình")
    editor = admin_user(username="bien-tap", first_name="Chi")
    first = page_of(manager_a)
    assert "An" in menu_names(first) and "bao-cao" in menu_names(first)
    second = page_of(manager_b)
    assert "Bình" in menu_names(second) and "An" not in menu_names(second)
    third = page_of(editor)
    assert "Chi" in menu_names(third) and "bao-cao" not in menu_names(third)
    assert "bao-cao" in menu_names(page_of(manager_a))  # still kept for the first person


def test_a_new_unit_role_shows_the_reports_menu_at_the_next_page(units):
    editor = admin_user()
    assert "bao-cao" not in menu_names(page_of(editor))
    UnitRole.objects.create(user=editor, unit=units["a"], role="manager")
    assert "bao-cao" in menu_names(page_of(editor))
    UnitRole.objects.filter(user=editor).delete()
    assert "bao-cao" not in menu_names(page_of(editor))


def test_a_page_permission_of_a_group_shows_the_pages_menu_at_the_next_page(home_page):
    editor = admin_user()
    group = Group.objects.create(name="Biên tập trang")
    editor.groups.add(group)
    assert "explorer" not in menu_names(page_of(editor))
    # The person's own permissions do not change: only the group's permission on pages.
    GroupPagePermission.objects.create(
        group=group, page=Page.get_first_root_node(), permission_type="change"
    )
    assert "explorer" in menu_names(page_of(editor))
    GroupPagePermission.objects.filter(group=group).delete()
    assert "explorer" not in menu_names(page_of(editor))


def _dismissible_name() -> str:
    items = list(admin_menu.registered_menu_items)
    while items:
        item = items.pop()
        if isinstance(item, DismissibleMenuItemMixin):
            return item.name
        if isinstance(item, SubmenuMenuItem):
            items += item.menu.registered_menu_items
    pytest.skip("no dismissible menu item in this Wagtail")


def test_dismissing_a_menu_item_shows_at_the_next_page_with_the_fresh_csrf_token(units):
    manager = manager_of(units["a"])
    UserProfile.get_for_user(manager)  # the profile exists already: only the dismissal changes
    client = Client(enforce_csrf_checks=True)
    html = page_of(manager, client)
    assert "w-dismissible-dismissed-value" not in html
    name = _dismissible_name()
    response = client.patch(
        reverse("wagtailadmin_dismissibles"),
        json.dumps({name: True}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=config(html)["CSRF_TOKEN"],
    )
    assert response.status_code == 200
    assert "w-dismissible-dismissed-value" in sidebar_text(page_of(manager, client))


def test_the_config_is_wagtails_with_each_sessions_own_csrf_token(units):
    manager = manager_of(units["a"])
    client = Client(enforce_csrf_checks=True)
    first, second = config(page_of(manager, client)), config(page_of(manager, client))
    assert first["CSRF_TOKEN"] != second["CSRF_TOKEN"]  # masked afresh, never kept
    request = request_for(manager)
    wagtails = wagtail_tags.wagtail_config(Context({"request": request}))
    assert list(second) == list(wagtails)
    assert {k: v for k, v in second.items() if k != "CSRF_TOKEN"} == {
        k: v for k, v in wagtails.items() if k != "CSRF_TOKEN"
    }
    other = Client(enforce_csrf_checks=True)
    other_config = config(page_of(manager_of(units["b"]), other))

    def patch(who, token):
        return who.patch(
            reverse("wagtailadmin_dismissibles"),
            "{}",
            content_type="application/json",
            HTTP_X_CSRFTOKEN=token,
        ).status_code

    assert patch(client, second["CSRF_TOKEN"]) == 200
    assert patch(other, other_config["CSRF_TOKEN"]) == 200
    assert patch(other, second["CSRF_TOKEN"]) == 403  # one session's token is not another's


@pytest.mark.parametrize(
    "user_agent, key",
    [
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)", "⌘"),
        ("Mozilla/5.0 (Windows NT 10.0)", "Ctrl"),
    ],
)
@pytest.mark.parametrize(
    "source",
    [
        "{% load wagtailadmin_tags %}{% keyboard_shortcuts_dialog %}",
        '{% load wagtailadmin_tags %}{% icon name="cogs" classname="w-mr-1" title="Cài đặt" %}',
        "{% load wagtailadmin_tags %}{% versioned_static 'wagtailadmin/js/core.js' %}",
    ],
)
def test_the_kept_dialog_icons_and_static_urls_are_wagtails_own(units, user_agent, key, source):
    manager = manager_of(units["a"])
    ours = rendered(source, request_for(manager, user_agent))
    assert ours == wagtails_own(source, request_for(manager, user_agent))
    assert ours == rendered(source, request_for(manager, user_agent))  # kept: the same again
    if "keyboard" in source:
        assert f"<kbd>{key} + s</kbd>" in ours


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_without_the_shared_cache_nothing_is_kept(units):
    manager = manager_of(units["a"], first_name="An")
    html = page_of(manager)
    assert "An" in menu_names(html) and "bao-cao" in menu_names(html)
    assert not [key for key in memo._values if key[0] in ("sidebar_props", "wagtail_config")]


def test_the_only_template_library_named_twice_is_wagtails_admin_tags():
    """The settings silence Django's templates.W003 for this one intended replacement."""
    warnings = engines["django"].check()
    assert [warning.id for warning in warnings] == ["templates.W003"]
    assert "'wagtailadmin_tags'" in warnings[0].msg
    assert "lms.admin_chrome_tags" in warnings[0].msg
