"""The learner is told about a new certificate: on "Khóa học của tôi" (through the courses app's
`my_learning_notices` hook) and by e-mail in Vietnamese when they have an address."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_revoke
from tests.courses.test_views import MY_LEARNING_BUDGET
from tests.factories import UserFactory, certificate_create, course_create

pytestmark = pytest.mark.django_db
MY_LEARNING = "/hoc/cua-toi/"


def test_my_learning_tells_the_learner_about_a_new_certificate(
    client, learner, course, template, complete
):
    complete(user=learner, course=course)
    certificate = Certificate.objects.get(user=learner, course=course)
    client.force_login(learner)
    html = client.get(MY_LEARNING).content.decode()
    assert "Bạn đã nhận chứng chỉ “Chữ ký số chuyên dùng”." in html
    assert reverse("certificates:detail", args=[certificate.code]) in html


def test_no_notice_without_a_certificate_or_for_someone_elses(client, learner, course, template):
    certificate_create(user=UserFactory(), course=course)
    client.force_login(learner)
    assert "Bạn đã nhận chứng chỉ" not in client.get(MY_LEARNING).content.decode()


def test_an_old_or_revoked_certificate_is_not_news(client, learner, course, template):
    old = certificate_create(user=learner, course=course)
    Certificate.objects.filter(pk=old.pk).update(
        issued_at=timezone.now() - datetime.timedelta(days=15)
    )
    other_course = course_create(
        index=course.get_parent().specific, title="An toàn thông tin", lessons=1
    )
    revoked = certificate_create(user=learner, course=other_course)
    certificate_revoke(certificate=revoked, reason="Cấp nhầm", by=UserFactory())
    client.force_login(learner)
    assert "Bạn đã nhận chứng chỉ" not in client.get(MY_LEARNING).content.decode()


def test_my_learning_with_notices_keeps_its_query_budget(
    client, learner, course, template, django_assert_max_num_queries
):
    certificate_create(user=learner, course=course)
    client.force_login(learner)
    client.get(MY_LEARNING)
    with django_assert_max_num_queries(MY_LEARNING_BUDGET):
        assert "Bạn đã nhận chứng chỉ" in client.get(MY_LEARNING).content.decode()


def test_the_email_on_issue_is_in_vietnamese_with_both_links(learner, course, template, complete):
    complete(user=learner, course=course)
    certificate = Certificate.objects.get(user=learner)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert message.subject == "Bạn đã nhận chứng chỉ “Chữ ký số chuyên dùng”"
    assert "Chúc mừng bạn đã hoàn thành khóa học" in message.body
    assert reverse("certificates:detail", args=[certificate.code]) in message.body
    assert reverse("certificates_verify:detail", args=[certificate.code]) in message.body


def test_a_learner_without_email_gets_no_email_but_the_notice(client, course, template, complete):
    learner = UserFactory(email="", phone="+84912345678")
    complete(user=learner, course=course)
    assert Certificate.objects.filter(user=learner).exists()
    assert mail.outbox == []
    client.force_login(learner)
    assert "Bạn đã nhận chứng chỉ" in client.get(MY_LEARNING).content.decode()
