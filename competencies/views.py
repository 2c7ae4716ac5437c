"""The learner's digital-competence profile ("Hồ sơ năng lực số")."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from wagtail import hooks

from . import rules
from .selectors import profile_for, weakest_of

BAR_SEGMENT = 20  # SVG user units per level step; the bar scales to its container


@login_required
def profile(request):
    """Every area of the primary framework with a bar per competence and what was attained."""
    profile = profile_for(request.user)
    weakest = weakest_of(profile, limit=3)
    # Apps above this one (courses) suggest what to learn next through a hook: this app never
    # imports them. Each hook takes (user, competences) and returns [{"title", "url"}, …].
    weak_competences = [status.competence for status in weakest]
    suggestions = [
        suggestion
        for suggest in hooks.get_hooks("competence_suggestions")
        for suggestion in suggest(request.user, weak_competences)
    ]
    max_level = profile.levels[-1].number if profile.levels else 0
    return render(
        request,
        "competencies/profile.html",
        {
            "profile": profile,
            "weakest": weakest,
            "suggestions": suggestions,
            "max_level": max_level,
            "steps": list(range(max_level)),
            "bar_width": max_level * BAR_SEGMENT,
            "segment": BAR_SEGMENT,
            "min_items": rules.MIN_ITEMS,
            "min_percent": int(rules.MIN_SHARE * 100),
        },
    )
