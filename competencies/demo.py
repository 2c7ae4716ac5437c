"""Demo data: the seeded frameworks (again, idempotently) and evidence for the demo learner,
so that "Hồ sơ năng lực số" shows real levels. Runs after people.demo, before courses.

The evidence stands for answers to practice questions (source_type "demo_question") until the
quizzes' demo attempts record evidence of their own.
"""

import datetime

from django.db import transaction

from people.models import User

from .models import Competence, Evidence
from .services import evidence_record, frameworks_seed

LEARNER_EMAIL = "hocvien@example.com"
FRAMEWORK = "vn-tt02-2025"
# competence code → (level of the questions, points earned on each question out of 1)
ANSWERS = {
    "1.1": (2, [1, 1, 1, 1, 1]),  # 5 of 5 → Cơ bản 2
    "1.2": (2, [1, 1, 0, 1, 0]),  # 3 of 5 → not yet
    "2.3": (4, [1, 1, 1, 1, 0, 1]),  # 5 of 6 → Trung cấp 4
    "2.6": (2, [1, 1, 1]),  # only 3 questions → not yet
    "4.1": (3, [1, 1, 1, 1, 1, 1]),  # → Trung cấp 3
    "4.2": (3, [1, 1, 1, 1, 0]),  # 4 of 5 = 80 % → Trung cấp 3
    "4.3": (1, [1, 1, 1, 1, 1]),  # → Cơ bản 1
}
ANSWERED_ON = datetime.datetime(2025, 9, 15, 9, 0, tzinfo=datetime.UTC)


@transaction.atomic
def seed_evidence() -> int:
    learner = User.objects.filter(email__iexact=LEARNER_EMAIL).first()
    if learner is None:
        return 0
    competences = {
        c.code: c
        for c in Competence.objects.filter(area__framework__code=FRAMEWORK).select_related("area")
    }
    done = set(
        Evidence.objects.filter(user=learner, source_type="demo_question").values_list(
            "source_id", flat=True
        )
    )
    count = 0
    for code, (level, points) in ANSWERS.items():
        for index, earned in enumerate(points, start=1):
            count += 1
            source_id = f"{learner.pk}-{code}-{index}"
            if source_id in done:
                continue
            evidence_record(
                user=learner,
                competence=competences[code],
                level=level,
                points=earned,
                max_points=1,
                source_type="demo_question",
                source_id=source_id,
                item_key=f"demo:{code}:{index}",
                at=ANSWERED_ON + datetime.timedelta(minutes=count),
            )
    return count


def seed() -> None:
    frameworks_seed()
    seed_evidence()
