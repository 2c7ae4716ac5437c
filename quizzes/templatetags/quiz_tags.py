"""Template helpers of the quiz screens."""

from django import template

register = template.Library()


@register.filter
def match_for(question, choice_id) -> str:
    """The right-hand side the learner chose for one left-hand item of a matching question."""
    return question.match_for(choice_id)
