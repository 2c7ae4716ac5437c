"""One small world for the security suite: two communes, a team, one of every role, a course
with lessons and a quiz, finished and open attempts, a certificate, public and private files.

Learner A, team X and commune A own every object whose id goes into a URL; learner B,
commune B's manager and the others ask for those same objects."""

import datetime
import io
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from people.models import LearnerProfile, Membership, UnitRole
from tests.factories import (
    CertificateTemplateFactory,
    QuestionCategoryFactory,
    UserFactory,
    course_create,
    course_index_create,
    question_create,
    quiz_create,
    unit_create,
)

SINCE = datetime.date(2026, 1, 1)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)


def _member(unit, **fields):
    user = UserFactory(**fields)
    Membership.objects.create(user=user, unit=unit, valid_from=SINCE)
    LearnerProfile.objects.create(user=user, audience="team_member")
    if user.email:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _png(width=40, height=30) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def world_build(home) -> World:
    """Builds the world through the same services real data uses (attempts, certificate)."""
    from competencies.models import Competence, Evidence
    from competencies.services import evidence_record
    from courses.models import LessonPage
    from courses.services import enrollment_create, lesson_complete
    from people.demo import unit_managers_group
    from quizzes.services import answer_save, attempt_finish, attempt_start

    w = World()
    province = unit_create(name="Tỉnh thử", code="P", kind="province")
    commune_a = unit_create(name="Xã A", code="A", parent=province)
    commune_b = unit_create(name="Xã B", code="B", parent=province)
    team_x = unit_create(name="Tổ X", code="A-X", kind="team", parent=commune_a)
    team_y = unit_create(name="Tổ Y", code="B-Y", kind="team", parent=commune_b)
    for unit in (province, commune_a, commune_b, team_x, team_y):
        unit.refresh_from_db()
    w.units = {"province": province, "a": commune_a, "b": commune_b, "x": team_x, "y": team_y}

    managers = unit_managers_group()
    w.users["learner_a"] = _member(team_x, username="hocvien-a", full_name="Học viên A")
    w.users["learner_b"] = _member(team_y, username="hocvien-b", full_name="Học viên B")
    leader = _member(team_x, username="totruong-x", full_name="Tổ trưởng X")
    UnitRole.objects.create(user=leader, unit=team_x, role="team_leader")
    w.users["team_leader"] = leader
    for key, unit in (("manager_a", commune_a), ("manager_b", commune_b)):
        manager = _member(unit, username=f"quanly-{key[-1]}", full_name=f"Quản lý {key[-1]}")
        UnitRole.objects.create(user=manager, unit=unit, role="manager")
        manager.groups.add(managers)
        w.users[key] = manager
    editor = _member(province, username="bientap", full_name="Biên tập", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    w.users["editor"] = editor
    w.users["admin"] = _member(
        province, username="quantri", full_name="Quản trị", is_staff=True, is_superuser=True
    )
    # A member registered by the team leader: no e-mail, no password yet (the login card).
    card_member = UserFactory(username="thanhvien-x", email="", full_name="Thành viên X")
    card_member.set_unusable_password()
    card_member.save()
    Membership.objects.create(user=card_member, unit=team_x, valid_from=SINCE)
    w.users["card_member"] = card_member

    # Content: a course with two lessons and a quiz, a default certificate template.
    index = course_index_create(home=home, slug="khoa-hoc")
    course = course_create(index=index, title="Chữ ký số", slug="chu-ky-so", lessons=2)
    category = QuestionCategoryFactory(name="Chữ ký số")
    question = question_create(type="single", category=category)
    quiz = quiz_create(course=course, questions=[question], max_attempts=0, pass_mark=50)
    template = CertificateTemplateFactory(is_default=True)
    w.objects.update(
        index=index,
        course=course,
        lesson=LessonPage.objects.child_of(course).first(),
        quiz=quiz,
        category=category,
        question=question,
        template=template,
    )

    learner = w.users["learner_a"]
    enrollment_create(user=learner, course=course)
    enrollment_create(user=w.users["learner_b"], course=course)
    for lesson in LessonPage.objects.child_of(course).live():
        lesson_complete(user=learner, lesson=lesson)
    finished = attempt_start(user=learner, quiz=quiz)
    answer_save(
        attempt=finished,
        question_id=question.pk,
        raw=str(question.choices.get(is_correct=True).pk),
        sequence=finished.sequence,
    )
    attempt_finish(attempt=finished)
    open_attempt = attempt_start(user=learner, quiz=quiz)
    w.objects.update(finished_attempt=finished, open_attempt=open_attempt)

    from certificates.services import certificate_issue

    certificate, _ = certificate_issue(user=learner, course=course)
    w.objects["certificate"] = certificate

    competence = Competence.objects.order_by("pk").first()
    evidence_record(
        user=learner,
        competence=competence,
        level=1,
        item_key="question:security",
        points=1,
        max_points=1,
        source_type="security_test",
        source_id="1",
    )
    w.objects["evidence"] = Evidence.objects.get(user=learner, source_type="security_test")
    w.objects["competence"] = competence

    # Files: a public document, a private one (collection restricted to logged-in users), an image.
    Document = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Tài liệu nội bộ")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    w.objects["public_document"] = Document.objects.create(
        title="Hướng dẫn công khai", file=ContentFile(b"%PDF-1.4\n", name="huong-dan.pdf")
    )
    w.objects["private_document"] = Document.objects.create(
        title="Tài liệu nội bộ",
        collection=private,
        file=ContentFile(b"%PDF-1.4\n", name="noi-bo.pdf"),
    )
    w.objects["private_collection"] = private
    w.objects["image"] = get_image_model().objects.create(
        title="Ảnh màn hình", file=ImageFile(io.BytesIO(_png()), name="anh.png")
    )
    from wagtail.contrib.redirects.models import Redirect

    w.objects["redirect"] = Redirect.objects.create(old_path="/cu", redirect_link="/")
    w.objects["home"] = home
    return w
