import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke
from tests.factories import UserFactory


@pytest.mark.django_db
def test_completing_a_course_issues_one_certificate(learner, course, template, complete):
    complete(user=learner, course=course)
    certificate = Certificate.objects.get(user=learner, course=course)
    assert certificate.holder_name == "Nguyễn Văn An"
    assert certificate.course_title == "Chữ ký số chuyên dùng"
    assert certificate.template == template


@pytest.mark.django_db
def test_learner_with_email_is_told_by_email(learner, course, template, complete):
    complete(user=learner, course=course)
    assert len(mail.outbox) == 1
    code = Certificate.objects.get(user=learner).code
    assert code in mail.outbox[0].body


@pytest.mark.django_db
def test_issuing_twice_returns_the_same_certificate(learner, course, template):
    first, created = certificate_issue(user=learner, course=course)
    second, created_again = certificate_issue(user=learner, course=course)
    assert created and not created_again
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_a_lost_race_returns_the_winners_certificate(learner, course, template, monkeypatch):
    winner, _ = certificate_issue(user=learner, course=course)
    # The loser checked before the winner saved: its INSERT meets the unique constraint.
    real_filter = Certificate.objects.filter
    calls = {"n": 0}

    def stale_filter(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            return Certificate.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Certificate.objects, "filter", stale_filter)
    loser, created = certificate_issue(user=learner, course=course)
    assert not created
    assert loser.pk == winner.pk


@pytest.mark.django_db
def test_revoking_needs_a_reason(learner, course, template):
    certificate, _ = certificate_issue(user=learner, course=course)
    admin = UserFactory(is_superuser=True)
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, reason="  ", by=admin)
    certificate_revoke(certificate=certificate, reason="Gian lận khi thi", by=admin)
    certificate.refresh_from_db()
    assert certificate.revoked_at and certificate.revoke_reason == "Gian lận khi thi"
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, reason="Lần nữa", by=admin)


@pytest.mark.django_db
def test_decomposed_name_is_stored_composed(course, template):
    user = UserFactory(full_name="Nguye\u0302\u0303n Thi\u0323 A\u0301nh Tuye\u0302\u0301t")
    certificate, _ = certificate_issue(user=user, course=course)
    assert certificate.holder_name == "Nguyễn Thị Ánh Tuyết"


@pytest.mark.django_db
def test_a_quiz_score_with_a_repeating_third_is_kept_to_the_hundredth(learner, course, template):
    """Two of three right is 66.67 %: SQLite's MAX read it back as 66.6700000000000, which the
    five-digit score refused, and the certificate was never issued (found by the roll-ups'
    random test)."""
    from decimal import Decimal

    from quizzes.models import Attempt, AttemptState
    from tests.factories import quiz_create

    quiz = quiz_create(course=course)
    Attempt.objects.create(
        user=learner,
        quiz=quiz,
        number=1,
        max_number=0,
        state=AttemptState.FINISHED,
        score=Decimal("66.67"),
        passed=True,
    )
    certificate, created = certificate_issue(user=learner, course=course)
    assert created
    certificate.refresh_from_db()
    assert certificate.score == Decimal("66.67")
