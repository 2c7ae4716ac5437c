"""A new content generation (lms.generation) whenever pages, sites or view restrictions change:
the page cache, the navigation, the site of a host, course outlines and restricted paths are
kept under it."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .generation import bump


def _page_saved(sender, instance, **kwargs):
    # Any page class (post_save names the concrete class), draft saves included: they write
    # the page row too.
    if isinstance(instance, Page):
        bump()


def connect():
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(bump, dispatch_uid=f"lms-generation-{id(signal)}")
    post_save.connect(_page_saved, dispatch_uid="lms-generation-page-save")
    post_delete.connect(_page_saved, dispatch_uid="lms-generation-page-delete")
    for model in (Site, PageViewRestriction):
        post_save.connect(bump, sender=model, dispatch_uid=f"lms-generation-save-{model.__name__}")
        post_delete.connect(
            bump, sender=model, dispatch_uid=f"lms-generation-delete-{model.__name__}"
        )
