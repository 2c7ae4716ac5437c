"""Writes with a rule for people: sign-up profiles, assisted registration, unit changes."""

import re
import secrets
import unicodedata

from django.db import transaction
from django.utils import timezone

from .models import LearnerProfile, Membership, OrgUnit, User


def username_base(full_name: str) -> str:
    """ "Nguyễn Văn Đức" → "nguyenvanduc": ASCII, lowercase, easy to type on a phone."""
    text = (full_name or "").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", text.lower())[:30]


@transaction.atomic
def learner_profile_create(
    *, user: User, audience: str, unit: OrgUnit, birth_year: int | None = None
) -> LearnerProfile:
    """Gives a new account its learner profile and its current membership of a unit."""
    profile = LearnerProfile(user=user, audience=audience, birth_year=birth_year)
    profile.full_clean(exclude=["user"])
    profile.save()
    membership = Membership(user=user, unit=unit, valid_from=timezone.localdate())
    membership.full_clean(exclude=["user", "unit"])
    membership.save()
    return profile


def _unique_username(full_name: str) -> str:
    base = username_base(full_name) or "hocvien"
    candidate = base
    while User.objects.filter(username__iexact=candidate).exists():
        candidate = f"{base}{secrets.randbelow(900) + 100}"
    return candidate


@transaction.atomic
def member_register(
    *,
    registered_by: User,
    full_name: str,
    unit: OrgUnit,
    audience: str,
    phone: str = "",
    birth_year: int | None = None,
) -> User:
    """A team leader registers a member who has no e-mail: phone only, or a generated
    username. The account has no usable password until the member sets one from the
    one-time link on the login card."""
    from .selectors import units_for

    if not units_for(registered_by).filter(pk=unit.pk).exists():
        raise PermissionError("unit outside the registering user's scope")
    user = User(
        username=_unique_username(full_name),
        full_name=" ".join(full_name.split()),
        phone=phone,
        phone_verified=False,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password", "email"])
    user.save()
    learner_profile_create(user=user, audience=audience, unit=unit, birth_year=birth_year)
    return user
