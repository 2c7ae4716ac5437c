"""Progress.created_at: when a learner first opened an item, so that "started" can be asked
"as of" a past date. Existing rows take their last update as the best known start."""

import django.utils.timezone
from django.db import migrations, models


def created_from_updated(apps, schema_editor):
    Progress = apps.get_model("courses", "Progress")
    Progress.objects.update(created_at=models.F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_course_competences")]

    operations = [
        migrations.AddField(
            model_name="progress",
            name="created_at",
            field=models.DateTimeField(null=True, verbose_name="bắt đầu lúc"),
        ),
        migrations.RunPython(created_from_updated, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="progress",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="bắt đầu lúc"
            ),
        ),
    ]
