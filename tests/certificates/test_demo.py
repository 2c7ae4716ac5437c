"""The demo learner's certificate: the documented code, and one e-mail that carries it."""

import pytest
from django.core import mail
from django.core.management import call_command

from certificates.demo import DEMO_CODE, LEARNER_EMAIL
from certificates.models import Certificate


@pytest.mark.django_db
def test_demo_certificate_has_the_documented_code_and_its_email_carries_it(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    certificate = Certificate.objects.get(code=DEMO_CODE)
    assert certificate.user.email == LEARNER_EMAIL
    assert certificate.status_index is not None
    sent = [message for message in mail.outbox if LEARNER_EMAIL in message.to]
    assert len(sent) == 1
    assert DEMO_CODE in sent[0].body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    assert len([m for m in mail.outbox if LEARNER_EMAIL in m.to]) == 1
    assert Certificate.objects.filter(user=certificate.user).count() == 1
