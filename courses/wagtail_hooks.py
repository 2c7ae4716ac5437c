"""Registers the courses admin entries; nothing else happens here."""

from wagtail import hooks

from .menu import CourseAssignMenuItem
from .selectors import courses_for_competences


@hooks.register("register_admin_menu_item")
def register_course_assign_menu_item():
    return CourseAssignMenuItem()


@hooks.register("competence_suggestions")
def suggest_courses_for_weak_competences(user, competences):
    return courses_for_competences(user, competences)
