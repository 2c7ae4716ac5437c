"""Signals of the certificates app. `certificate_revoked` is sent inside the revoking
transaction with `sender=Certificate` and `certificate`; issuing is a plain save (post_save)."""

from django.dispatch import Signal

certificate_revoked = Signal()
