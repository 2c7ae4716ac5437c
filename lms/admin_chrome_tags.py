"""Wagtail's admin template tags, with the chrome kept per process (lms/admin_chrome.py).

Installed in place of `wagtailadmin_tags` (TEMPLATES' `libraries` option), so Wagtail's own
templates use it: every tag and filter is Wagtail's, and five of them keep what Wagtail made:

- `sidebar_props` per person (lms.admin_chrome.person_key): the main menu, its permission
  checks (two queries of their own) and its JSON;
- `wagtail_config` per language, without its per-request values (the CSRF token, the active
  content locale, the person's keyboard shortcuts setting), which are added on every request;
  this also saves the locales query;
- `keyboard_shortcuts_dialog` per language, platform and keyboard shortcuts setting;
- `icon` and `versioned_static` per arguments.
"""

import functools
import re

from django import template
from django.middleware.csrf import get_token
from django.utils.translation import get_language
from wagtail.admin.templatetags import wagtailadmin_tags as wagtail_tags

from .admin_chrome import chrome_token, memo, person_key, wagtail_profile

# What wagtail_config computes per request; everything else in it is kept.
PER_REQUEST_CONFIG = ("CSRF_TOKEN", "ACTIVE_CONTENT_LOCALE", "KEYBOARD_SHORTCUTS_ENABLED")

register = template.Library()
register.tags.update(wagtail_tags.register.tags)
register.filters.update(wagtail_tags.register.filters)


class KeptNode(template.Node):
    """Renders Wagtail's node once per key and keeps the output; with no key, renders afresh."""

    def __init__(self, name: str, node: template.Node, key):
        self.name, self.node, self.key = name, node, key

    def render(self, context):
        key = self.key(context, self.node)
        if key is None:
            return self.node.render(context)
        return memo.get_or_compute(
            (self.name, context.autoescape, key), lambda: self.node.render(context)
        )


def _kept(name: str, key) -> None:
    compile_wagtail_node = wagtail_tags.register.tags[name]

    def compile_function(parser, token):
        return KeptNode(name, compile_wagtail_node(parser, token), key)

    register.tag(name, compile_function)


def _sidebar_key(context, node):
    request = context.get("request")
    return None if request is None else person_key(request)


def _dialog_key(context, node):
    request = context.get("request")
    if request is None:
        return None
    # Wagtail's own platform test (keyboard_shortcuts_dialog, its key labels).
    is_mac = bool(re.search(r"Mac|iPod|iPhone|iPad", request.headers.get("User-Agent", "")))
    profile = wagtail_profile(getattr(request, "user", None))
    return (get_language(), is_mac, bool(getattr(profile, "keyboard_shortcuts", True)))


def _arguments_key(context, node):
    args, kwargs = node.get_resolved_arguments(context)
    return (get_language(), *map(str, args), *sorted((k, str(v)) for k, v in kwargs.items()))


_kept("sidebar_props", _sidebar_key)
_kept("keyboard_shortcuts_dialog", _dialog_key)
_kept("icon", _arguments_key)
register.simple_tag(functools.cache(wagtail_tags.versioned_static), name="versioned_static")


@register.simple_tag(takes_context=True)
def wagtail_config(context):
    """Wagtail's admin config: its per-request values fresh, the rest kept per language."""
    request = context["request"]
    token = chrome_token(request)
    if token is None:
        return wagtail_tags.wagtail_config(context)

    def shared():
        config = wagtail_tags.wagtail_config(context)
        return {key: value for key, value in config.items() if key not in PER_REQUEST_CONFIG}

    # Wagtail's order of keys: the token first, the other per-request values last.
    config = {"CSRF_TOKEN": get_token(request)}
    config.update(memo.get_or_compute(("wagtail_config", token, get_language()), shared))
    if locale := context.get("locale"):
        config["ACTIVE_CONTENT_LOCALE"] = locale.language_code
    profile = wagtail_profile(getattr(request, "user", None))
    config["KEYBOARD_SHORTCUTS_ENABLED"] = profile.keyboard_shortcuts if profile else True
    return config
