"""Recomputes every learner's attained level from their evidence (after the rule changes)."""

from django.core.management.base import BaseCommand

from competencies.services import competence_levels_recompute_all


class Command(BaseCommand):
    help = (
        "Tính lại mức năng lực đạt được của mọi người học từ các minh chứng (sau khi đổi quy tắc)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        count = competence_levels_recompute_all(batch_size=options["batch_size"])
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại {count} cặp người học – năng lực."))
