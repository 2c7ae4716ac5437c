"""`manage.py close_overdue_attempts`: grade attempts whose deadline passed without a finish."""

from django.core.management.base import BaseCommand

from quizzes.services import close_overdue


class Command(BaseCommand):
    help = "Nộp và chấm các lần làm bài đã quá hạn mà chưa nộp."

    def handle(self, *args, **options):
        closed = close_overdue()
        self.stdout.write(f"Đã nộp và chấm {closed} lần làm bài quá hạn.")
