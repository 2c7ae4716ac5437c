"""A province-sized data set for the reports and the benchmark, on top of the demo data:

    manage.py seed_province --learners 50000 --courses 20 --items 30

More communes and wards of Đồng Nai with their community digital-technology teams, learners
spread over the teams, courses of real Wagtail pages, each ending with a live final quiz of ten
single-choice questions (shared by the courses of a theme, from `_province_quizzes`),
enrolments, about 20 progress rows per learner, completions and certificates, and finished quiz
attempts with their graded answers: whoever completed a course passed its quiz (some at the
second or third try), a share of those part-way tried it once or twice. Then the report roll-ups
are rebuilt once. Rows are written in bulk with no per-row signals: the million progress rows
and the answers as plain tuples, by COPY on PostgreSQL and executemany on SQLite, the rest with
bulk_create in batches; so 50,000 learners take minutes. It refuses to run twice on the same
database.
"""

import datetime
import io
import json
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from certificates.codes import code_generate
from certificates.models import Certificate
from courses.models import CourseIndexPage, CoursePage, Enrollment, LessonPage, Progress
from people.models import Audience, LearnerProfile, Membership, OrgUnit, OrgUnitKind, User
from quizzes.models import (
    Attempt,
    AttemptState,
    Choice,
    Question,
    QuestionCategory,
    QuizPage,
    QuizQuestion,
    Response,
    ReviewPolicy,
)
from reports.rollups import insert_rows, rollups_rebuild

from ._province_quizzes import BANKS

BATCH = 5000
PREFIX = "sp-"  # usernames of the generated learners
SINCE = datetime.date(2025, 7, 1)
PASS_MARK = 70
MAX_ATTEMPTS = 3
TIME_LIMIT = 20  # minutes
ONE = Decimal("1.00")
ZERO = Decimal("0.00")

# Communes and wards of Đồng Nai after the 2025 merger (with the former Bình Phước), beyond the
# demo tree; each gets three teams.
COMMUNES = [
    ("Phường Biên Hòa", OrgUnitKind.WARD),
    ("Phường Tam Hiệp", OrgUnitKind.WARD),
    ("Phường Long Bình", OrgUnitKind.WARD),
    ("Phường Hố Nai", OrgUnitKind.WARD),
    ("Phường Trảng Dài", OrgUnitKind.WARD),
    ("Phường Tam Phước", OrgUnitKind.WARD),
    ("Phường Phước Tân", OrgUnitKind.WARD),
    ("Phường Long Hưng", OrgUnitKind.WARD),
    ("Phường Bảo Vinh", OrgUnitKind.WARD),
    ("Phường Xuân Lập", OrgUnitKind.WARD),
    ("Phường Hàng Gòn", OrgUnitKind.WARD),
    ("Phường Đồng Xoài", OrgUnitKind.WARD),
    ("Phường Bình Long", OrgUnitKind.WARD),
    ("Phường An Lộc", OrgUnitKind.WARD),
    ("Phường Phước Long", OrgUnitKind.WARD),
    ("Phường Chơn Thành", OrgUnitKind.WARD),
    ("Xã Trảng Bom", OrgUnitKind.COMMUNE),
    ("Xã An Viễn", OrgUnitKind.COMMUNE),
    ("Xã Bàu Hàm", OrgUnitKind.COMMUNE),
    ("Xã Hưng Thịnh", OrgUnitKind.COMMUNE),
    ("Xã Dầu Giây", OrgUnitKind.COMMUNE),
    ("Xã Gia Kiệm", OrgUnitKind.COMMUNE),
    ("Xã Thống Nhất", OrgUnitKind.COMMUNE),
    ("Xã Định Quán", OrgUnitKind.COMMUNE),
    ("Xã La Ngà", OrgUnitKind.COMMUNE),
    ("Xã Tân Phú", OrgUnitKind.COMMUNE),
    ("Xã Tà Lài", OrgUnitKind.COMMUNE),
    ("Xã Nam Cát Tiên", OrgUnitKind.COMMUNE),
    ("Xã Trị An", OrgUnitKind.COMMUNE),
    ("Xã Phú Lý", OrgUnitKind.COMMUNE),
    ("Xã Cẩm Mỹ", OrgUnitKind.COMMUNE),
    ("Xã Sông Ray", OrgUnitKind.COMMUNE),
    ("Xã Xuân Đường", OrgUnitKind.COMMUNE),
    ("Xã Xuân Định", OrgUnitKind.COMMUNE),
    ("Xã Long Thành", OrgUnitKind.COMMUNE),
    ("Xã An Phước", OrgUnitKind.COMMUNE),
    ("Xã Đại Phước", OrgUnitKind.COMMUNE),
    ("Xã Lộc Ninh", OrgUnitKind.COMMUNE),
    ("Xã Bù Đăng", OrgUnitKind.COMMUNE),
    ("Xã Đồng Phú", OrgUnitKind.COMMUNE),
]
TEAMS = ["Tổ CNSCĐ ấp 1", "Tổ CNSCĐ ấp 2", "Tổ CNSCĐ ấp 3"]
WARD_TEAMS = ["Tổ CNSCĐ khu phố 1", "Tổ CNSCĐ khu phố 2", "Tổ CNSCĐ khu phố 3"]

COURSE_TITLES = [
    ("Chữ ký số chuyên dùng cho cán bộ", "digital_signature", "chu_ky_so"),
    ("Ký văn bản điện tử trên điện thoại", "digital_signature", "chu_ky_so"),
    ("Cài đặt và kích hoạt VNeID mức 2", "public_services", "vneid"),
    ("Nộp hồ sơ trên Cổng Dịch vụ công quốc gia", "public_services", "dich_vu_cong"),
    ("Thanh toán trực tuyến phí, lệ phí", "public_services", "thanh_toan"),
    ("Đăng ký khai sinh, thường trú trực tuyến", "public_services", "vneid"),
    ("Nhận diện tin nhắn, cuộc gọi lừa đảo", "information_safety", "an_toan"),
    ("Mật khẩu mạnh và xác thực hai lớp", "information_safety", "an_toan"),
    ("Bảo vệ mã OTP và tài khoản ngân hàng", "information_safety", "an_toan"),
    ("An toàn cho người cao tuổi trên mạng", "information_safety", "an_toan"),
    ("Sử dụng điện thoại thông minh cơ bản", "basic_skills", "ky_nang_so"),
    ("Tìm kiếm và đánh giá thông tin trên mạng", "basic_skills", "ky_nang_so"),
    ("Gửi thư điện tử và đính kèm tệp", "basic_skills", "ky_nang_so"),
    ("Họp trực tuyến cho tổ công nghệ số", "basic_skills", "ky_nang_so"),
    ("Hướng dẫn người dân dùng dịch vụ công", "public_services", "dich_vu_cong"),
    ("Chuyển đổi số trong nông nghiệp", "basic_skills", "ky_nang_so"),
    ("Bán hàng trên sàn thương mại điện tử", "basic_skills", "ky_nang_so"),
    ("Quyền riêng tư và dữ liệu cá nhân", "information_safety", "an_toan"),
    ("Trí tuệ nhân tạo trong công việc hằng ngày", "basic_skills", "ky_nang_so"),
    ("Sổ sức khỏe điện tử trên VNeID", "public_services", "vneid"),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Huỳnh", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Quốc", "Thu"]
GIVEN = ["An", "Bình", "Cúc", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Lộc", "Mai", "Nam", "Phúc"]
AUDIENCES = [Audience.TEAM_MEMBER, Audience.RESIDENT, Audience.YOUTH, Audience.OFFICIAL]


class Command(BaseCommand):
    help = "Seed a province-sized data set (learners, courses, progress) and rebuild roll-ups."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=50000)
        parser.add_argument("--courses", type=int, default=20)
        parser.add_argument("--items", type=int, default=30, help="lessons per course")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args, learners, courses, items, seed, **options):
        if learners < 1 or not 1 <= courses <= len(COURSE_TITLES) or items < 1:
            raise CommandError(
                f"--learners >= 1, --courses 1..{len(COURSE_TITLES)}, --items >= 1, please."
            )
        existing = User.objects.filter(username__startswith=PREFIX).count()
        if existing:
            raise CommandError(
                f"This database already has a province data set ({existing} learners named "
                f"{PREFIX}…); seed_province runs once, on a fresh database."
            )
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # Bulk loading: a large page cache (the unique indexes are written at random
            # places), and no fsync per statement: a failed seed is simply re-run.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")
                cursor.execute("PRAGMA synchronous = OFF")
                cursor.execute("PRAGMA temp_store = MEMORY")
        self.rng = random.Random(seed)  # noqa: S311 - reproducible demo data
        self.verbosity = options["verbosity"]
        self.started = time.monotonic()
        call_command("seed_demo", verbosity=0, stdout=io.StringIO())
        teams = self.units()
        user_ids = self.people(learners, teams)
        course_items = self.courses(courses, items)
        self.learning(user_ids, course_items)
        figures = rollups_rebuild()
        self.say(f"roll-ups rebuilt: {figures}")
        if connection.vendor == "postgresql":
            # Fresh statistics: with none, the planner takes a million-row table for an empty
            # one and picks nested loops (a report took 43 s instead of 1 s here).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.say("ANALYZE")
        self.stdout.write(self.style.SUCCESS("Dữ liệu cấp tỉnh đã sẵn sàng."))

    def say(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(f"[{time.monotonic() - self.started:6.1f}s] {message}")

    @transaction.atomic
    def units(self) -> list[OrgUnit]:
        province = OrgUnit.objects.get(code="DNA")
        for number, (name, kind) in enumerate(COMMUNES, start=1):
            code = f"DNA-SP{number:02d}"
            province.refresh_from_db()
            commune = province.add_child(name=name, kind=kind, code=code)
            for index, team in enumerate(WARD_TEAMS if kind == OrgUnitKind.WARD else TEAMS, 1):
                commune.refresh_from_db()
                commune.add_child(name=team, kind=OrgUnitKind.TEAM, code=f"{code}-T{index}")
        teams = list(OrgUnit.objects.filter(kind=OrgUnitKind.TEAM, code__startswith="DNA-"))
        self.say(f"{len(teams)} teams in {len(COMMUNES)} more communes and wards")
        return teams

    @transaction.atomic
    def people(self, count: int, teams: list[OrgUnit]) -> list[int]:
        rng = self.rng
        for start in range(0, count, BATCH):
            numbers = range(start, min(start + BATCH, count))
            users = [
                User(
                    username=f"{PREFIX}{n:06d}",
                    full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                    password="!",  # noqa: S106 - an unusable password: never signs in
                )
                for n in numbers
            ]
            User.objects.bulk_create(users)
        user_ids = list(
            User.objects.filter(username__startswith=PREFIX)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for chunk in _chunks(user_ids, BATCH):
            Membership.objects.bulk_create(
                Membership(user_id=pk, unit=teams[rng.randrange(len(teams))], valid_from=SINCE)
                for pk in chunk
            )
            LearnerProfile.objects.bulk_create(
                LearnerProfile(
                    user_id=pk, audience=rng.choice(AUDIENCES), birth_year=rng.randint(1950, 2008)
                )
                for pk in chunk
            )
        self.say(f"{len(user_ids)} learners with memberships and profiles")
        return user_ids

    @transaction.atomic
    def courses(self, count: int, items: int) -> list[tuple[CoursePage, list[int], "ProvinceQuiz"]]:
        index = CourseIndexPage.objects.first()
        if index is None:
            raise CommandError("No course catalogue: run seed_demo first.")
        result = []
        banks: dict[str, list[BankQuestion]] = {}
        for number in range(count):
            title, topic, bank = COURSE_TITLES[number]
            course = CoursePage(
                title=title,
                slug=f"tinh-{number + 1:02d}",
                summary=f"Khóa học “{title}” cho cán bộ, tổ công nghệ số và người dân.",
                topic=topic,
                audiences=[Audience.OFFICIAL, Audience.TEAM_MEMBER, Audience.RESIDENT],
                enrolment_mode="assigned",
                live=True,
            )
            index.refresh_from_db()
            index.add_child(instance=course)
            lesson_ids = []
            for item in range(1, items + 1):
                lesson = LessonPage(
                    title=f"Bài {item}",
                    slug=f"bai-{item}",
                    estimated_minutes=5,
                    live=True,
                    body=[("rich_text", f"<p>Nội dung bài {item} của khóa “{title}”.</p>")],
                )
                course.refresh_from_db()
                course.add_child(instance=lesson)
                lesson_ids.append(lesson.pk)
            if bank not in banks:
                banks[bank] = _bank(bank)
            result.append((course, lesson_ids, _final_quiz(course, banks[bank])))
        questions = len(result[0][2].questions)
        self.say(
            f"{count} courses × {items} lessons and a final quiz of {questions} questions "
            f"(live Wagtail pages; {len(banks)} question banks)"
        )
        return result

    @transaction.atomic
    def learning(self, user_ids: list[int], course_items) -> None:
        """Each learner is enrolled in one or two courses (assigned, mostly); a quarter have not
        started, some finished (most of those hold a certificate), the rest are part-way.

        The final quiz counts for completion: whoever completed a course passed its quiz after
        the last lesson, some at the second or third attempt; a share of those part-way took it
        once or twice (passed or not). Answers are drawn from each question's facility and the
        learner's ability, so that easy and hard questions, and better learners, show."""
        rng = self.rng
        now = timezone.now()
        latest = now - datetime.timedelta(hours=1)  # room for a quiz after the last lesson
        enrolments, progress, certificates, attempts = [], [], [], []
        totals = {
            "enrolments": 0,
            "progress": 0,
            "completed": 0,
            "certificates": 0,
            "attempts": 0,
            "responses": 0,
        }
        progress_columns = (
            "user_id",
            "page_id",
            "status",
            "completed_at",
            "created_at",
            "updated_at",
            "score",
        )

        def flush(final=False):
            for rows, model, key in (
                (enrolments, Enrollment, "enrolments"),
                (certificates, Certificate, "certificates"),
            ):
                if rows and (final or len(rows) >= BATCH):
                    model.objects.bulk_create(rows)
                    totals[key] += len(rows)
                    rows.clear()
            if progress and (final or len(progress) >= BATCH * 4):
                insert_rows(Progress, progress_columns, progress)
                totals["progress"] += len(progress)
                progress.clear()
            if attempts and (final or len(attempts) >= BATCH):
                self.attempts_write(attempts, totals)

        for user_id in user_ids:
            for course, lesson_ids, quiz in rng.sample(
                course_items, min(len(course_items), rng.choice((1, 1, 2, 2, 2)))
            ):
                enrolled_at = now - datetime.timedelta(days=rng.uniform(7, 150))
                roll = rng.random()
                done = 0 if roll < 0.25 else len(lesson_ids) if roll < 0.40 else None
                if done is None:
                    done = rng.randint(1, max(1, len(lesson_ids) - 1))
                completed_at = None
                at = enrolled_at
                for lesson_id in lesson_ids[:done]:
                    at += datetime.timedelta(minutes=rng.randint(5, 3000))
                    at = min(at, latest)
                    progress.append((user_id, lesson_id, "completed", at, at, at, None))
                finished = done == len(lesson_ids)
                if finished or (done and rng.random() < 0.1 + 0.5 * done / len(lesson_ids)):
                    passed_at = self.quiz_taken(
                        quiz, user_id, after=at, until=now, must_pass=finished, out=attempts
                    )
                    if passed_at is not None:
                        at = passed_at
                    progress.append(attempts[-1].progress)
                if finished:
                    completed_at = at
                    totals["completed"] += 1
                    if rng.random() < 0.9:
                        certificates.append(
                            Certificate(
                                user_id=user_id,
                                course=course,
                                code=code_generate(),
                                holder_name=f"Học viên {user_id}",
                                course_title=course.title,
                                issued_at=at,
                                revoked_at=now if rng.random() < 0.01 else None,
                            )
                        )
                enrolments.append(
                    Enrollment(
                        user_id=user_id,
                        course=course,
                        source=rng.choice(("bulk", "bulk", "assigned", "self")),
                        due_on=(enrolled_at + datetime.timedelta(days=rng.randint(20, 90))).date(),
                        enrolled_at=enrolled_at,
                        completed_at=completed_at,
                    )
                )
            flush()
        flush(final=True)
        self.say(
            "{enrolments} enrolments, {progress} progress rows, {completed} completed, "
            "{certificates} certificates, {attempts} quiz attempts with {responses} answers".format(
                **totals
            )
        )

    def quiz_taken(
        self, quiz, user_id, *, after, until, must_pass, out
    ) -> datetime.datetime | None:
        """Append a learner's finished attempts at `quiz` to `out` (the last one carrying the
        quiz's progress row) and return when they passed, or None.

        A learner who completed the course tries up to MAX_ATTEMPTS times and passes at the
        last try at the latest (the easiest of their wrong answers turned right); one part-way
        tries once or twice and stops at a pass. The attempts fall between `after` and `until`
        (at most three days after `after`), one after the other, each within the time limit."""
        rng = self.rng
        questions = quiz.questions
        ability = rng.gauss(0.5 if must_pass else -0.1, 1.0)
        tries = MAX_ATTEMPTS if must_pass else rng.choice((1, 2))
        sheets = []  # per attempt: whether each question was answered right
        for number in range(1, tries + 1):
            right = [
                rng.random() < min(0.98, max(0.03, question.facility + 0.22 * ability))
                for question in questions
            ]
            if must_pass and number == tries and not _passes(sum(right), len(questions)):
                for index in sorted(
                    (i for i, ok in enumerate(right) if not ok),
                    key=lambda i: -questions[i].facility,
                ):
                    right[index] = True
                    if _passes(sum(right), len(questions)):
                        break
            sheets.append(right)
            if _passes(sum(right), len(questions)):
                break
            ability += 0.4  # revised before trying again
        horizon = min(until - after, datetime.timedelta(days=3))
        slot = horizon / len(sheets)
        first_start = passed_at = None
        for number, right in enumerate(sheets, start=1):
            started_at = after + slot * (number - 1) + slot * rng.uniform(0.05, 0.4)
            finished_at = started_at + min(
                datetime.timedelta(minutes=rng.uniform(3, 15)), slot * 0.5
            )
            first_start = first_start or started_at
            layout, answers = [], []
            step = (finished_at - started_at) / (len(questions) + 1)
            for index, (question, ok) in enumerate(zip(questions, right, strict=True), start=1):
                choices = list(question.choices)
                rng.shuffle(choices)
                layout.append({"id": question.id, "type": "single", "choices": choices})
                answer = question.correct if ok else rng.choice(question.wrong)
                answers.append((question.id, answer, ok, started_at + step * index))
            points = Decimal(sum(right))
            score = _score(sum(right), len(questions))
            passed = score >= PASS_MARK
            attempt = Attempt(
                user_id=user_id,
                quiz_id=quiz.page_id,
                number=number,
                max_number=MAX_ATTEMPTS,
                state=AttemptState.FINISHED,
                started_at=started_at,
                deadline=started_at + datetime.timedelta(minutes=TIME_LIMIT),
                finished_at=finished_at,
                points=points,
                max_points=Decimal(len(questions)),
                score=score,
                passed=passed,
                sequence=len(questions),
                layout=layout,
            )
            attempt.answers = answers
            if passed:
                passed_at = finished_at
            out.append(attempt)
        # The quiz's progress row, as item_result_record leaves it: passed with the passing
        # score, or failed with the last score.
        attempt.progress = (
            user_id,
            quiz.page_id,
            "passed" if passed_at else "failed",
            passed_at,
            first_start,
            finished_at,
            score,
        )
        return passed_at

    def attempts_write(self, attempts: list[Attempt], totals: dict) -> None:
        Attempt.objects.bulk_create(attempts)
        rows = [
            (attempt.pk, question_id, json.dumps(answer), saved_at, ok, ONE if ok else ZERO)
            for attempt in attempts
            for question_id, answer, ok, saved_at in attempt.answers
        ]
        insert_rows(
            Response, ("attempt_id", "question_id", "answer", "saved_at", "correct", "points"), rows
        )
        totals["attempts"] += len(attempts)
        totals["responses"] += len(rows)
        attempts.clear()


@dataclass
class BankQuestion:
    id: int
    choices: list[int]  # in the bank's order
    correct: int
    wrong: list[int]
    facility: float  # share of average learners who answer it right


@dataclass
class ProvinceQuiz:
    page_id: int
    questions: list[BankQuestion]


def _bank(key: str) -> list[BankQuestion]:
    """Create one bank's questions (single choice) in their own category."""
    name, specs = BANKS[key]
    category, _created = QuestionCategory.objects.get_or_create(name=name)
    result = []
    for facility, text, choices in specs:
        question = Question.objects.create(category=category, type="single", text=f"<p>{text}</p>")
        Choice.objects.bulk_create(
            Choice(question=question, sort_order=order, text=choice, is_correct=correct)
            for order, (choice, correct) in enumerate(choices)
        )
        rows = list(question.choices.order_by("sort_order", "pk").values_list("pk", "is_correct"))
        result.append(
            BankQuestion(
                id=question.pk,
                choices=[pk for pk, _correct in rows],
                correct=next(pk for pk, correct in rows if correct),
                wrong=[pk for pk, correct in rows if not correct],
                facility=facility,
            )
        )
    return result


def _final_quiz(course: CoursePage, questions: list[BankQuestion]) -> ProvinceQuiz:
    """The course's last item: a live quiz of the bank's questions, required for completion."""
    quiz = QuizPage(
        # Named after its course: the quiz results report lists the quizzes side by side.
        title=f"Kiểm tra: {course.title}",
        slug="kiem-tra-cuoi-khoa",
        intro=(
            f"Mười câu hỏi về “{course.title}”, mỗi câu một đáp án đúng. Đạt từ {PASS_MARK} % "
            f"trở lên để hoàn thành khóa học; được làm tối đa {MAX_ATTEMPTS} lần."
        ),
        pass_mark=PASS_MARK,
        time_limit_minutes=TIME_LIMIT,
        max_attempts=MAX_ATTEMPTS,
        shuffle_choices=True,
        review_policy=ReviewPolicy.FULL,
        estimated_minutes=15,
        live=True,
    )
    course.refresh_from_db()
    course.add_child(instance=quiz)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question_id=question.id, sort_order=order)
        for order, question in enumerate(questions)
    )
    return ProvinceQuiz(page_id=quiz.pk, questions=questions)


def _score(right: int, count: int) -> Decimal:
    """The attempt's score in percent, as the grading rounds it (every question is 1 point)."""
    return (Decimal(100) * right / count).quantize(Decimal("0.01"))


def _passes(right: int, count: int) -> bool:
    return _score(right, count) >= PASS_MARK


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
