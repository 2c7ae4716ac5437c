"""Site pages for team leaders: their members, assisted registration, a printable login card."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .forms import AssistedRegistrationForm
from .qr import qr_svg
from .selectors import members_for, people_manageable_by, team_units_for
from .services import member_register


def _units_or_403(user):
    units = team_units_for(user)
    if not units.exists():
        raise PermissionDenied
    return units


@login_required
def team_members(request):
    """The members a team leader or manager helps, with a link to register one more."""
    _units_or_403(request.user)
    members = list(members_for(request.user).select_related("profile"))
    manageable = set(
        people_manageable_by(request.user)
        .filter(pk__in=[member.pk for member in members])
        .values_list("pk", flat=True)
    )
    for member in members:
        member.card_allowed = member.pk in manageable
    return render(request, "people/team_members.html", {"members": members})


@login_required
def member_register_view(request):
    units = _units_or_403(request.user)
    form = AssistedRegistrationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        member = member_register(registered_by=request.user, **form.cleaned_data)
        return redirect("people:login_card", pk=member.pk)
    return render(request, "people/member_register.html", {"form": form})


@login_required
def login_card(request, pk: int):
    """A printable card: name, username, phone and a one-time link to set a password.

    The link is a password-reset key: it stops working once a password is set (the key
    covers the password hash) and after PASSWORD_RESET_TIMEOUT (3 days)."""
    _units_or_403(request.user)
    # Only people whose every current membership lies in the viewer's units and who hold no
    # staff or manager role (people_manageable_by): anyone else is a 404, as if unknown.
    member = get_object_or_404(people_manageable_by(request.user), pk=pk)
    set_password_url = None
    if not member.has_usable_password():
        path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(member),
                "key": default_token_generator.make_token(member),
            },
        )
        set_password_url = request.build_absolute_uri(path)
    login_url = request.build_absolute_uri(reverse("account_login"))
    return render(
        request,
        "people/login_card.html",
        {
            "member": member,
            "set_password_url": set_password_url,
            "qr": qr_svg(set_password_url or login_url, label=_("Mã QR để đăng nhập")),
        },
    )
