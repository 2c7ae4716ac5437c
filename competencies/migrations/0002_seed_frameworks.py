"""Seeds Circular 02/2025/TT-BGDĐT, DigComp 2.2 and the mapping between them."""

from django.db import migrations


def seed(apps, schema_editor):
    from competencies.data.load import load

    load(
        **{
            name: apps.get_model("competencies", name)
            for name in ("Framework", "Area", "Competence", "Level", "CompetenceMapping")
        }
    )


class Migration(migrations.Migration):
    dependencies = [("competencies", "0001_frameworks")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
