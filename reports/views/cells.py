"""Table cells of figures, written in Python: a province's tables have hundreds of numbers,
and each one through the template engine (a variable node, localisation, escaping) cost more
than the rest of the row."""

from django.conf import settings
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def figure(value) -> str:
    """A number as the template engine shows it ({{ value }}: localised), None as a dash."""
    if value is None:
        return "—"
    if isinstance(value, int) and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what localize() gives an integer without thousand separators
    return localize(value)


def figure_cells(*values) -> SafeString:
    """`<td>` cells of numbers (integers, floats, decimals or None): nothing to escape."""
    return mark_safe(  # noqa: S308  # nosec B308, B703: localised numbers and a dash only
        "".join(f"<td>{figure(value)}</td>" for value in values)
    )


def _text(value) -> str:
    """Text as the template engine shows it ({{ value|default:"—" }}): escaped, a dash when
    empty."""
    return conditional_escape(value) if value not in (None, "") else "—"


def phone_cell(phone: str) -> str:
    """A phone number as a link the manager's phone can call, or a dash."""
    if not phone:
        return "<td>—</td>"
    phone = conditional_escape(phone)
    return f'<td><a href="tel:{phone}">{phone}</a></td>'


def learner_cells(name, team, phone) -> SafeString:
    """A learner's name (the row's header), team and phone, escaped: a team's list has fifty
    rows of them."""
    return mark_safe(  # noqa: S308  # nosec B308, B703: every value escaped
        f'<th scope="row">{_text(name)}</th><td>{_text(team)}</td><td>{_text(phone)}</td>'
    )


def to_call_cells(enrollment) -> SafeString:
    """One enrolment to call: the learner, their phone and team, the course, the due date and
    the state (reports.to_call.state_of), escaped."""
    due = enrollment.due_on.strftime("%d/%m/%Y") if enrollment.due_on else None
    return mark_safe(  # noqa: S308  # nosec B308, B703: every value escaped
        f'<th scope="row">{_text(str(enrollment.user))}</th>{phone_cell(enrollment.user.phone)}'
        f"<td>{_text(enrollment.team_name)}</td><td>{_text(enrollment.course.title)}</td>"
        f"<td>{_text(due)}</td><td>{_text(str(enrollment.state))}</td>"
    )
