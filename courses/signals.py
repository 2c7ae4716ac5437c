"""Signals of the courses app. `course_completed` is sent once per enrolment, after commit.

Receivers get `sender=CoursePage`, `enrollment`, `user` and `course` keyword arguments; the
certificates app listens to it (courses never imports certificates).
"""

from django.dispatch import Signal

course_completed = Signal()
