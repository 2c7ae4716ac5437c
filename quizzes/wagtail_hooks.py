"""Registers the quizzes app's admin screens; nothing else."""

from wagtail.snippets.models import register_snippet

from .viewsets import QuestionBankGroup

register_snippet(QuestionBankGroup)
