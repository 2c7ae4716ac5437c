"""Registers the courses admin entries; nothing else happens here."""

from wagtail import hooks

from .menu import CourseAssignMenuItem


@hooks.register("register_admin_menu_item")
def register_course_assign_menu_item():
    return CourseAssignMenuItem()
