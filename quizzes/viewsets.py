"""Wagtail admin screens of the question bank: questions and categories, as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Question, QuestionCategory


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Câu hỏi")
    list_display = [
        "__str__",
        Column("type", label=_("loại câu hỏi"), accessor="get_type_display"),
        Column("status", label=_("trạng thái"), accessor="status_label"),
        "category",
        "competence",
        "points",
    ]
    list_filter = ["type", "status", "category", "competence"]
    list_per_page = 50


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Nhóm câu hỏi")
    list_display = ["name", "parent", "description"]
    search_fields = ["name"]


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet)
    menu_icon = "help"
    menu_label = _("Ngân hàng câu hỏi")
    menu_name = "question-bank"
