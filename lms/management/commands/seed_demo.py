"""Seeds the demo province, accounts and content through each app's demo module.

Idempotent: a second run finds everything in place and changes nothing.
"""

from django.core.management.base import BaseCommand

from lms.demo import seed_home
from people.demo import seed as seed_people


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (tỉnh Đồng Nai, tài khoản theo vai trò, trang chủ, khóa học)."

    def handle(self, *args, **options):
        users = seed_people()
        seed_home()
        self.stdout.write(
            self.style.SUCCESS(f"Dữ liệu mẫu đã sẵn sàng ({len(users)} tài khoản mẫu).")
        )
