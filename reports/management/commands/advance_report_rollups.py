"""Move the report roll-ups to today (the `rollups_advance` task): run it just after midnight,
so that the first manager who opens a report that day does not wait for it."""

from django.core.management.base import BaseCommand

from reports.tasks import rollups_advance


class Command(BaseCommand):
    help = (
        "Move the report roll-ups to today: refresh the learners whose memberships began or "
        "ended, or whose assigned courses fell due, since the roll-ups' date."
    )

    def handle(self, *args, **options):
        result = rollups_advance.enqueue()
        if result.is_finished:
            self.stdout.write(f"Report roll-ups advanced: {result.return_value} learners refreshed")
        else:
            self.stdout.write(f"Report roll-ups advance queued as task {result.id}")
