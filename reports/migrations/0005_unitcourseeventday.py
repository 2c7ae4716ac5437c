"""The trend report's events per unit, course and day (`UnitCourseEventDay`), filled from the
roll-ups' own record of each learner (their course states and spans) so that refreshes, which
take off what that record says a learner contributed, stay consistent without a rebuild."""

from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, F, Q

BATCH = 5000


def fill_events(apps, schema_editor):
    """Each course state's enrolment and completion, counted on its day in the unit of the
    learner's span covering that day (spans of one learner never overlap)."""
    states = apps.get_model("reports", "LearnerCourseState").objects
    events_model = apps.get_model("reports", "UnitCourseEventDay")
    events = defaultdict(lambda: [0, 0])
    for index, day in enumerate(("enrolled_on", "completed_on")):
        rows = (
            states.filter(
                Q(user__report_spans__valid_to__isnull=True)
                | Q(user__report_spans__valid_to__gt=F(day)),
                **{f"{day}__isnull": False, "user__report_spans__valid_from__lte": F(day)},
            )
            .order_by()
            .values_list("user__report_spans__unit_id", "course_id", day)
            .annotate(n=Count("pk"))
        )
        for unit_id, course_id, on, n in rows:
            events[(unit_id, course_id, on)][index] += n
    rows = [
        events_model(unit_id=unit_id, course_id=course_id, day=day, enrolments=a, completions=b)
        for (unit_id, course_id, day), (a, b) in events.items()
    ]
    events_model.objects.bulk_create(rows, batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_progress_created_at"),
        ("people", "0003_unitplacement"),
        ("reports", "0004_unitcourseday_by_day"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitCourseEventDay",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="ngày")),
                ("enrolments", models.IntegerField(default=0, verbose_name="lượt đăng ký")),
                ("completions", models.IntegerField(default=0, verbose_name="lượt hoàn thành")),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courses.coursepage",
                        verbose_name="khóa học",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="people.orgunit",
                        verbose_name="đơn vị",
                    ),
                ),
            ],
            options={
                "verbose_name": "lượt đăng ký và hoàn thành theo ngày",
                "verbose_name_plural": "lượt đăng ký và hoàn thành theo ngày",
                "indexes": [
                    models.Index(
                        fields=["day", "unit", "course"],
                        include=("enrolments", "completions"),
                        name="reports_unitcourseevent_by_day",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("unit", "course", "day"), name="reports_unitcourseeventday_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(fill_events, migrations.RunPython.noop, elidable=True),
    ]
