"""Signals of the courses app. `course_completed` is sent once per enrolment, after commit.

Receivers get `sender=CoursePage`, `enrollment`, `user` and `course` keyword arguments; the
certificates app listens to it (courses never imports certificates).
"""

from django.dispatch import Signal

course_completed = Signal()

# Sent (synchronously, inside the writing transaction) when learners' enrolment or progress in a
# course changed in a way that model signals do not show: bulk assignment, a first progress
# row. Receivers get `sender=CoursePage`, `user_ids` and `course`. Receivers that do more than
# bookkeeping should defer their work with `transaction.on_commit`.
learning_changed = Signal()
