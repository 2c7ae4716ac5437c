"""factory-boy factories for the domain models; one place, imported by every test package."""

import factory

from people.models import OrgUnit, User

TEST_PASSWORD = "mat-khau-thu-nghiem-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def unit_create(*, name: str, code: str, kind: str = "commune", parent: OrgUnit | None = None):
    """Adds a unit to the tree (treebeard needs add_root/add_child, not a plain save)."""
    if parent is None:
        return OrgUnit.add_root(name=name, code=code, kind=kind)
    parent.refresh_from_db()
    return parent.add_child(name=name, code=code, kind=kind)


# --- competencies ----------------------------------------------------------------------------
class FrameworkFactory(factory.django.DjangoModelFactory):
    """A framework with levels 1–8 (created after it, as the seeded frameworks have)."""

    class Meta:
        model = "competencies.Framework"
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"khung-thu-{n}")
    name = factory.Sequence(lambda n: f"Khung năng lực thử {n}")
    source = "Văn bản thử nghiệm"

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if create:
            for number in range(1, (extracted or 8) + 1):
                LevelFactory(framework=obj, number=number)


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competencies.Level"
        django_get_or_create = ("framework", "number")

    framework = factory.SubFactory(FrameworkFactory)
    number = 1
    name = factory.LazyAttribute(lambda o: f"Bậc {o.number}")
    band = "Cơ bản"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competencies.Area"

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: str(n + 1))
    name = factory.Sequence(lambda n: f"Miền năng lực {n}")
    order = factory.Sequence(lambda n: n)


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "competencies.Competence"

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Năng lực {n}")

    @factory.lazy_attribute_sequence
    def code(obj, n):
        return f"{obj.area.code}.{n + 1}"


# --- courses -------------------------------------------------------------------------------


def course_index_create(*, home, title: str = "Khóa học", slug: str = "khoa-hoc"):
    """A published catalogue under the home page."""
    from courses.models import CourseIndexPage

    index = CourseIndexPage(title=title, slug=slug, show_in_menus=True)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def course_create(*, index, title: str = "Chữ ký số cơ bản", lessons: int = 3, **fields):
    """A published course with `lessons` published, required text lessons."""
    from courses.models import CoursePage

    fields.setdefault("summary", "Tóm tắt khóa học.")
    fields.setdefault("topic", "digital_signature")
    fields.setdefault("audiences", ["official"])
    slug = fields.pop("slug", None) or f"khoa-{CoursePage.objects.count() + 1}"
    course = CoursePage(title=title, slug=slug, **fields)
    index.add_child(instance=course)
    course.save_revision().publish()
    for number in range(1, lessons + 1):
        lesson_create(course=course, title=f"Bài {number}", slug=f"bai-{number}")
    return course


def lesson_create(*, course, title: str, slug: str, required: bool = True, body=None):
    from courses.models import LessonPage

    lesson = LessonPage(
        title=title,
        slug=slug,
        required=required,
        body=body
        if body is not None
        else [("rich_text", "<p>Nội dung bài học, đọc được trên điện thoại.</p>")],
    )
    course.refresh_from_db()
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


# --- quizzes -------------------------------------------------------------------------------
class QuestionCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.QuestionCategory"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Nhóm câu hỏi {n}")


def question_create(*, type: str = "single", category=None, points=1, choices=None, **fields):
    """A question with its choices: `choices` is a list of (text, is_correct) or dicts."""
    from quizzes.models import Choice, Question

    question = Question.objects.create(
        type=type,
        category=category or QuestionCategoryFactory(),
        text=fields.pop("text", f"<p>Câu hỏi {type}?</p>"),
        points=points,
        **fields,
    )
    if choices is None and type in ("single", "multiple"):
        choices = [("Đáp án đúng", True), ("Đáp án sai", False), ("Đáp án sai khác", False)]
    if choices is None and type == "true_false":
        choices = [("Đúng", True), ("Sai", False)]
    for order, choice in enumerate(choices or []):
        data = choice if isinstance(choice, dict) else {"text": choice[0], "is_correct": choice[1]}
        Choice.objects.create(question=question, sort_order=order, **data)
    return question


def quiz_create(*, course, questions=(), title: str = "Bài kiểm tra cuối khóa", **fields):
    """A published quiz at the end of `course` with `questions` as its fixed list."""
    from quizzes.models import QuizPage, QuizQuestion

    slug = fields.pop("slug", "kiem-tra")
    quiz = QuizPage(title=title, slug=slug, **fields)
    course.refresh_from_db()
    course.add_child(instance=quiz)
    for order, question in enumerate(questions):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
    quiz.save_revision().publish()
    return quiz


# --- certificates --------------------------------------------------------------------------
class CertificateTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "certificates.CertificateTemplate"

    title = factory.Sequence(lambda n: f"Mẫu chứng chỉ {n}")
    organisation = "Sở Khoa học và Công nghệ tỉnh Đồng Nai"
    signatory_name = "Phạm Minh Đức"
    signatory_title = "Giám đốc Trung tâm Chuyển đổi số"


def certificate_create(*, user, course, **fields):
    """A certificate issued through the service (the same path as a completed course)."""
    from certificates.services import certificate_issue

    certificate, _ = certificate_issue(user=user, course=course)
    if fields:
        for name, value in fields.items():
            setattr(certificate, name, value)
        certificate.save()
    return certificate
