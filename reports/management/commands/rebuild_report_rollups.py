"""Rebuild the report roll-ups from scratch (the `rollups_rebuild` task)."""

from django.core.management.base import BaseCommand

from reports.tasks import rollups_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the report roll-ups (UnitCourseStat …) from enrolments, progress and certificates."
    )

    def handle(self, *args, **options):
        result = rollups_rebuild.enqueue()
        if result.is_finished:
            figures = ", ".join(f"{name}={value}" for name, value in result.return_value.items())
            self.stdout.write(f"Report roll-ups rebuilt: {figures}")
        else:
            self.stdout.write(f"Report roll-ups rebuild queued as task {result.id}")
