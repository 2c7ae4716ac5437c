"""Keeps the cached main navigation and the page cache true when pages change."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .context_processors import nav_cache_key
from .middleware import forget_cached_pages


def forget_navigation(**kwargs):
    cache.delete_many([nav_cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)])
    forget_cached_pages()


def connect():
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(forget_navigation, dispatch_uid=f"lms-nav-{id(signal)}")
    post_delete.connect(forget_navigation, sender=Page, dispatch_uid="lms-nav-delete")
