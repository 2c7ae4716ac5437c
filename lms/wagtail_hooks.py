"""Wagtail admin hooks of the site itself: registration only."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def draftail_label_js():
    return format_html('<script src="{}" defer></script>', static("js/admin-draftail-label.js"))
