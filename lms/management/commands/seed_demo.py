"""Seeds the demo province, accounts and content through each app's demo module.

Idempotent: a second run finds everything in place and changes nothing.
"""

from importlib import import_module

from django.core.management.base import BaseCommand

# Each module has a `seed()` function; they run in this order (lower apps first).
SEEDERS = [
    "people.demo",
    "competencies.demo",
    "lms.demo",
    "courses.demo",
    "quizzes.demo",
    "certificates.demo",
    "reports.demo",  # the demo teams' activity, last: it uses every app's services
]


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (tỉnh Đồng Nai, tài khoản theo vai trò, trang chủ, khóa học)."

    def handle(self, *args, **options):
        for module in SEEDERS:
            import_module(module).seed()
            if options["verbosity"] > 1:
                self.stdout.write(f"{module}: xong")
        self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu đã sẵn sàng."))
