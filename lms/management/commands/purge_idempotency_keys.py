"""`manage.py purge_idempotency_keys`: forget the answers kept for queued offline actions."""

import datetime

from django.core.management.base import BaseCommand

from lms.idempotency import idempotent_requests_purge


class Command(BaseCommand):
    help = "Xóa các yêu cầu đã nhận (khóa chống gửi trùng) cũ hơn số ngày cho trước."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, **options):
        deleted = idempotent_requests_purge(older_than=datetime.timedelta(days=options["days"]))
        self.stdout.write(f"Đã xóa {deleted} yêu cầu đã nhận.")
