"""A throw-away issuer per test session, a course to complete and a way to complete it."""

import pytest

from certificates.issuer import issuer_create, issuer_keys
from courses.models import LessonPage
from courses.services import enrollment_create, lesson_complete
from tests.factories import CertificateTemplateFactory, course_create, course_index_create


@pytest.fixture(scope="session")
def issuer_files(tmp_path_factory):
    directory = tmp_path_factory.mktemp("issuer")
    paths = {"p12": directory / "issuer.p12", "ed25519": directory / "ed25519.pem"}
    issuer_create(p12_path=paths["p12"], ed25519_path=paths["ed25519"], passphrase="thu-nghiem")
    return paths


@pytest.fixture(autouse=True)
def issuer(issuer_files, settings):
    settings.CERTIFICATE_ISSUER_P12 = str(issuer_files["p12"])
    settings.CERTIFICATE_ISSUER_ED25519_KEY = str(issuer_files["ed25519"])
    settings.CERTIFICATE_ISSUER_PASSPHRASE = "thu-nghiem"
    issuer_keys.cache_clear()
    yield issuer_files
    issuer_keys.cache_clear()


@pytest.fixture
def course(home_page):
    index = course_index_create(home=home_page)
    return course_create(index=index, title="Chữ ký số chuyên dùng", lessons=2)


@pytest.fixture
def template(db):
    return CertificateTemplateFactory(is_default=True)


@pytest.fixture
def complete(django_capture_on_commit_callbacks):
    """Complete every lesson of a course for a learner, running the on-commit signal."""

    def run(*, user, course):
        enrollment_create(user=user, course=course)
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in LessonPage.objects.child_of(course).live():
                lesson_complete(user=user, lesson=lesson)

    return run


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The verification pages count requests per IP in the cache: each test starts at zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
