"""Persisted roll-ups of the manager reports, kept by `reports.rollups`.

Current figures: `UnitCourseStat`, `UnitLearnerStat`, `UnitCourseToCall` and `UnitQuizStat`.
Dated figures: `UnitCourseDay` and `UnitLearnerDay` hold, per unit and day, how much the unit's
own figures *changed* that day, so "as of D" is a sum over the days up to D;
`UnitCourseEventDay` holds the enrolments and completions that happened in the unit each day
(the trend). All hold each unit's *own* figures (its direct members); a unit's subtree is
summed at read time over the materialised path, so moving a unit in the tree changes no roll-up
row. `LearnerCourseState`, `LearnerQuizState`, `LearnerUnit` and `LearnerSpan` record what each
learner contributes (to which courses' and quizzes' counters, since when, in which units over
which dates): every refresh recomputes a learner from the source tables and applies only the
difference, which makes refreshes idempotent and safe to repeat, reorder or run concurrently.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnitCourseStat(models.Model):
    """Enrolments of a unit's current members in one course, by how far they got."""

    unit = models.ForeignKey(
        "people.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("khóa học"), on_delete=models.CASCADE, related_name="+"
    )
    enrolled = models.IntegerField(_("đã đăng ký"), default=0)
    started = models.IntegerField(_("đã bắt đầu"), default=0)
    completed = models.IntegerField(_("đã hoàn thành"), default=0)
    certified = models.IntegerField(_("đã có chứng chỉ"), default=0)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("số liệu đơn vị theo khóa học")
        verbose_name_plural = _("số liệu đơn vị theo khóa học")
        constraints = [
            models.UniqueConstraint(fields=["unit", "course"], name="reports_unitcoursestat_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.course_id}: {self.enrolled}"


class UnitLearnerStat(models.Model):
    """How many people are current members of the unit itself."""

    unit = models.OneToOneField(
        "people.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    learners = models.IntegerField(_("số người học"), default=0)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("số người học của đơn vị")
        verbose_name_plural = _("số người học của đơn vị")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.learners}"


class UnitCourseToCall(models.Model):
    """Assigned enrolments of a unit's current members in one course that are to call on
    `RollupState.valid_on` (reports.to_call's rule): not started, or overdue (counted once, as
    overdue). Due dates passing move enrolments from one figure to the other without any
    event: `rollups_advance` refreshes those learners when the date moves on."""

    unit = models.ForeignKey(
        "people.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("khóa học"), on_delete=models.CASCADE, related_name="+"
    )
    not_started = models.IntegerField(_("chưa bắt đầu"), default=0)
    overdue = models.IntegerField(_("quá hạn"), default=0)

    class Meta:
        verbose_name = _("số lượt cần nhắc của đơn vị theo khóa học")
        verbose_name_plural = _("số lượt cần nhắc của đơn vị theo khóa học")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "course"], name="reports_unitcoursetocall_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.course_id}: {self.not_started}+{self.overdue}"


class UnitQuizStat(models.Model):
    """Finished attempts of a unit's current members at one quiz: how many, how many passed,
    and the sum of their scores (for the mean). Like `UnitCourseStat`, the learners counted are
    those of the unit on `RollupState.valid_on`, with every attempt they have finished."""

    unit = models.ForeignKey(
        "people.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("bài kiểm tra"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    attempts = models.IntegerField(_("số lần làm"), default=0)
    passed = models.IntegerField(_("số lần đạt"), default=0)
    score_sum = models.DecimalField(_("tổng điểm"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("kết quả kiểm tra của đơn vị")
        verbose_name_plural = _("kết quả kiểm tra của đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["unit", "quiz"], name="reports_unitquizstat_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.quiz_id}: {self.passed}/{self.attempts}"


class LearnerCourseState(models.Model):
    """What one enrolment contributes to the roll-ups (present = enrolled)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    started = models.BooleanField(default=False)
    completed = models.BooleanField(default=False)
    certified = models.BooleanField(default=False)
    # The local day each figure began to count (never before the enrolment); null = not yet.
    enrolled_on = models.DateField(null=True)
    started_on = models.DateField(null=True)
    completed_on = models.DateField(null=True)
    certified_on = models.DateField(null=True)
    # What the enrolment adds to `UnitCourseToCall` (on the day of its last refresh):
    # 0 nothing, 1 not started, 2 overdue (reports.rollups.NOT_STARTED, OVERDUE).
    to_call = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("trạng thái học (tổng hợp)")
        verbose_name_plural = _("trạng thái học (tổng hợp)")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="reports_learnercoursestate_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.course_id}"


class UnitQuizBand(models.Model):
    """A unit's finished attempts at one quiz whose score fell in one band (0: 0–10 %, …,
    9: 90–100 %): how many, how many passed, the sum of their scores. The score distribution
    of a quiz's statistics, for the same learners as `UnitQuizStat`."""

    unit = models.ForeignKey("people.OrgUnit", on_delete=models.CASCADE, related_name="+")
    quiz = models.ForeignKey("quizzes.QuizPage", on_delete=models.CASCADE, related_name="+")
    band = models.PositiveSmallIntegerField(_("khoảng điểm"))
    attempts = models.IntegerField(_("số lần làm"), default=0)
    passed = models.IntegerField(_("số lần đạt"), default=0)
    score_sum = models.DecimalField(_("tổng điểm"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("phân bố điểm của đơn vị")
        verbose_name_plural = _("phân bố điểm của đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "quiz", "band"], name="reports_unitquizband_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.quiz_id}/{self.band}: {self.attempts}"


class UnitQuizItem(models.Model):
    """The sums behind one question's facility and discrimination indices over a unit's
    finished attempts at one quiz (`quizzes.statistics.pearson_from_sums`): how many answers,
    Σx, Σy, Σx², Σy², Σxy, x the points on the question, y the attempt's points on the rest.

    The question is not a database constraint: a learner's refresh takes off what they added,
    and must not fail because the question was deleted since (its row then reads as nothing)."""

    unit = models.ForeignKey("people.OrgUnit", on_delete=models.CASCADE, related_name="+")
    quiz = models.ForeignKey("quizzes.QuizPage", on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(
        "quizzes.Question", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    answered = models.IntegerField(_("số câu trả lời"), default=0)
    sum_x = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    sum_y = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    sum_xx = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    sum_yy = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    sum_xy = models.DecimalField(max_digits=24, decimal_places=4, default=0)

    class Meta:
        verbose_name = _("thống kê câu hỏi của đơn vị")
        verbose_name_plural = _("thống kê câu hỏi của đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "quiz", "question"], name="reports_unitquizitem_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.quiz_id}/{self.question_id}: {self.answered}"


class LearnerQuizState(models.Model):
    """What one learner's finished attempts at one quiz contribute to `UnitQuizStat`."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    quiz = models.ForeignKey("quizzes.QuizPage", on_delete=models.CASCADE, related_name="+")
    attempts = models.IntegerField(default=0)
    passed = models.IntegerField(default=0)
    score_sum = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    # What the learner adds to `UnitQuizBand` and `UnitQuizItem` (`reports.quiz_counters`).
    detail = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("kết quả kiểm tra của người học (tổng hợp)")
        verbose_name_plural = _("kết quả kiểm tra của người học (tổng hợp)")
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz"], name="reports_learnerquizstate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.quiz_id}: {self.passed}/{self.attempts}"


class LearnerUnit(models.Model):
    """A unit in which a learner currently counts (a current membership on `RollupState.valid_on`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("people.OrgUnit", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("đơn vị của người học (tổng hợp)")
        verbose_name_plural = _("đơn vị của người học (tổng hợp)")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="reports_learnerunit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.unit_id}"


class LearnerSpan(models.Model):
    """A span of days during which a learner counts in one unit (their primary membership:
    of the memberships valid on a day, the one that began last). Spans of one learner never
    overlap; `valid_to` is exclusive, null = open."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_spans"
    )
    unit = models.ForeignKey("people.OrgUnit", on_delete=models.CASCADE, related_name="+")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True)

    class Meta:
        verbose_name = _("giai đoạn thuộc đơn vị (tổng hợp)")
        verbose_name_plural = _("giai đoạn thuộc đơn vị (tổng hợp)")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "valid_from"], name="reports_learnerspan_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.unit_id} {self.valid_from}–{self.valid_to or ''}"


class UnitCourseDay(models.Model):
    """How a unit's own figures in one course changed on one day (learners joining or leaving
    the unit, enrolments, first progress, completions, certificates). Figures as of a day are
    the sum over the days up to it."""

    unit = models.ForeignKey(
        "people.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("khóa học"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("ngày"))
    enrolled = models.IntegerField(_("đã đăng ký"), default=0)
    started = models.IntegerField(_("đã bắt đầu"), default=0)
    completed = models.IntegerField(_("đã hoàn thành"), default=0)
    certified = models.IntegerField(_("đã có chứng chỉ"), default=0)

    class Meta:
        verbose_name = _("thay đổi số liệu đơn vị theo ngày")
        verbose_name_plural = _("thay đổi số liệu đơn vị theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "course", "day"], name="reports_unitcourseday_unique"
            )
        ]
        indexes = [
            # "As of" a day reads a range of days (at most half a month, see
            # reports.selectors._dated_course_rows) of every unit: on PostgreSQL an index-only
            # scan of those days, where the unique index (unit first) would read every day.
            models.Index(
                fields=["day", "unit", "course"],
                include=["enrolled", "started", "completed", "certified"],
                name="reports_unitcourseday_by_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.course_id}/{self.day}: {self.enrolled:+d}"


class UnitCourseMonth(models.Model):
    """`UnitCourseDay` summed per calendar month (`month` is its first day): figures as of a day
    are the months before its month plus the days of its month up to it, so a read stays
    bounded by units × courses × (months + 31) however long the history."""

    unit = models.ForeignKey(
        "people.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("khóa học"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("tháng"))
    enrolled = models.IntegerField(_("đã đăng ký"), default=0)
    started = models.IntegerField(_("đã bắt đầu"), default=0)
    completed = models.IntegerField(_("đã hoàn thành"), default=0)
    certified = models.IntegerField(_("đã có chứng chỉ"), default=0)

    class Meta:
        verbose_name = _("thay đổi số liệu đơn vị theo tháng")
        verbose_name_plural = _("thay đổi số liệu đơn vị theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "course", "month"], name="reports_unitcoursemonth_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.course_id}/{self.month:%Y-%m}: {self.enrolled:+d}"


class UnitCourseEventDay(models.Model):
    """Enrolments made and courses completed on one day by the learners who counted in the unit
    itself that day: events, not a change of a figure, so a learner who joins or leaves the unit
    later moves nothing here (their past events stay where they happened). The trend report
    sums these per week."""

    unit = models.ForeignKey(
        "people.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("khóa học"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("ngày"))
    enrolments = models.IntegerField(_("lượt đăng ký"), default=0)
    completions = models.IntegerField(_("lượt hoàn thành"), default=0)

    class Meta:
        verbose_name = _("lượt đăng ký và hoàn thành theo ngày")
        verbose_name_plural = _("lượt đăng ký và hoàn thành theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "course", "day"], name="reports_unitcourseeventday_unique"
            )
        ]
        indexes = [
            # The trend reads a window of days of a subtree's units (at the province, every
            # unit): on PostgreSQL an index-only scan of those days.
            models.Index(
                fields=["day", "unit", "course"],
                include=["enrolments", "completions"],
                name="reports_unitcourseevent_by_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.course_id}/{self.day}: {self.enrolments}, {self.completions}"


class UnitLearnerDay(models.Model):
    """How many learners began (or stopped) counting in a unit itself on one day."""

    unit = models.ForeignKey(
        "people.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("ngày"))
    learners = models.IntegerField(_("số người học"), default=0)

    class Meta:
        verbose_name = _("thay đổi số người học theo ngày")
        verbose_name_plural = _("thay đổi số người học theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["unit", "day"], name="reports_unitlearnerday_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.day}: {self.learners:+d}"


class RollupState(models.Model):
    """One row: the date whose memberships the roll-ups reflect, and the last full rebuild."""

    valid_on = models.DateField(_("đúng cho ngày"))
    rebuilt_at = models.DateTimeField(_("dựng lại lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("trạng thái số liệu tổng hợp")
        verbose_name_plural = _("trạng thái số liệu tổng hợp")

    def __str__(self) -> str:
        return f"{self.valid_on}"
