"""Idempotency keys: an action queued offline and sent twice has one effect and one answer.

The offline queue (static/js/offline.js) sends each progress mark and quiz answer with an
`Idempotency-Key` header, a UUID made when the learner acted. For the views named in
`settings.IDEMPOTENT_VIEWS`, the view runs and its answer is recorded under (user, key) in the
same transaction. A second request with that key (a retry whose answer was lost, the page and
the service worker both sending) hits the unique constraint: its writes are rolled back and the
recorded answer is returned. The normal path costs one INSERT; only the rare repeat pays for
the view it undoes. Neither `courses` nor `quizzes` knows about this: `lms` wires it.
"""

import datetime
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
# Answers that are not the outcome of the action: the next try may fare differently.
TRANSIENT_STATUSES = {401, 403, 408, 429}


def _is_outcome(response) -> bool:
    status = response.status_code
    return (200 <= status < 300 or 400 <= status < 500) and status not in TRANSIENT_STATUSES


def _replay(record: IdempotentRequest, path: str) -> HttpResponse:
    if record.path != path:
        return JsonResponse(
            {"ok": False, "error": _("Mã chống gửi trùng này đã dùng cho một việc khác.")},
            status=422,
        )
    response = HttpResponse(record.body, status=record.status, content_type=record.content_type)
    response[REPLAYED_HEADER] = "true"
    return response


def respond_once(request, key: uuid.UUID, view, args, kwargs) -> HttpResponse:
    """Run the view unless this user's key was seen; then answer what was answered then."""
    try:
        with transaction.atomic():
            response = view(request, *args, **kwargs)
            if _is_outcome(response) and not getattr(response, "streaming", False):
                IdempotentRequest.objects.create(
                    user=request.user,
                    key=key,
                    path=request.path[:255],
                    status=response.status_code,
                    content_type=response.get("Content-Type", "")[:100],
                    body=response.content.decode(response.charset or "utf-8"),
                )
    except IntegrityError:
        record = IdempotentRequest.objects.filter(user=request.user, key=key).first()
        if record is None:
            raise
        return _replay(record, request.path[:255])
    return response


class IdempotencyKeyMiddleware:
    """Honours `Idempotency-Key` on the POST views of `settings.IDEMPOTENT_VIEWS`. Placed last,
    after the CSRF and authentication middleware have done their part."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        raw = request.headers.get(HEADER)
        match = request.resolver_match
        if (
            raw is None
            or request.method != "POST"
            or match is None
            or match.view_name not in settings.IDEMPOTENT_VIEWS
            or not request.user.is_authenticated
        ):
            return None
        try:
            key = uuid.UUID(raw)
        except ValueError:
            return JsonResponse(
                {"ok": False, "error": _("Mã chống gửi trùng không hợp lệ; hãy tải lại trang.")},
                status=400,
            )
        return respond_once(request, key, view_func, view_args, view_kwargs)


def idempotent_requests_purge(*, older_than: datetime.timedelta = datetime.timedelta(days=30)):
    """Forget recorded answers older than any queue waits (a month by default); return how
    many were deleted."""
    deleted, _by_model = IdempotentRequest.objects.filter(
        created_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
