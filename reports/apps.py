from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete

        from certificates.models import Certificate
        from certificates.signals import certificate_revoked
        from courses.models import Enrollment
        from courses.signals import course_completed, learning_changed
        from people.models import Membership, User
        from quizzes.models import Attempt
        from quizzes.signals import attempt_finished

        from . import receivers

        for model in (Enrollment, Certificate, Membership):
            for name, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(
                    receivers.on_user_row,
                    sender=model,
                    dispatch_uid=f"reports_rollups_{model.__name__}_{name}",
                )
        learning_changed.connect(receivers.on_learning_changed, dispatch_uid="reports_rollups")
        course_completed.connect(receivers.on_course_completed, dispatch_uid="reports_rollups")
        certificate_revoked.connect(
            receivers.on_certificate_revoked, dispatch_uid="reports_rollups"
        )
        attempt_finished.connect(receivers.on_attempt_finished, dispatch_uid="reports_rollups")
        post_delete.connect(
            receivers.on_user_row, sender=Attempt, dispatch_uid="reports_rollups_Attempt_deleted"
        )
        pre_delete.connect(receivers.on_user_delete, sender=User, dispatch_uid="reports_rollups")
        self.connect_lookups()

    def connect_lookups(self):
        """Drop the cached course, quiz and competence lists (reports.lookups) on any change."""
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_unpublished, post_page_move

        from competencies.models import Area, Competence, Framework
        from courses.models import CoursePage
        from quizzes.models import QuizPage

        from .lookups import lookups_changed

        signals = (post_save, post_delete, page_unpublished, post_page_move)
        for model in (CoursePage, QuizPage):
            for signal in signals:
                signal.connect(lookups_changed, sender=model, dispatch_uid="reports_lookups")
        for model in (Framework, Area, Competence):
            for signal in signals[:2]:
                signal.connect(lookups_changed, sender=model, dispatch_uid="reports_lookups")
