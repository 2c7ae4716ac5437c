"""Writes with a rule for people: sign-up profiles, assisted registration, unit changes."""

import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import LearnerProfile, Membership, OrgUnit, User
from .placements import placement_record
from .selectors import unit_roles_changed
from .signals import unit_tree_moved


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


@transaction.atomic
def unit_create(*, name: str, code: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    """Adds a unit under a parent (or as a root); treebeard needs add_child, not save()."""
    unit = OrgUnit(name=name, code=code, kind=kind)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    if parent is None:
        return OrgUnit.add_root(instance=unit)
    parent.refresh_from_db()
    return parent.add_child(instance=unit)


@transaction.atomic
def unit_move(*, unit: OrgUnit, parent: OrgUnit) -> OrgUnit:
    """Moves a unit (and everything below it) under another parent; where it was is kept."""
    unit.refresh_from_db()
    parent.refresh_from_db()
    if parent.pk == unit.pk or parent.path.startswith(unit.path):
        raise ValueError("a unit cannot move under itself")
    old_parent = unit.get_parent()
    if old_parent == parent:
        return unit
    placement_record(unit=unit, parent=old_parent)  # reports of earlier days keep it there
    unit.move(parent, pos="sorted-child")
    unit_roles_changed()  # treebeard moves with raw SQL: no signal tells the cached scopes
    unit_tree_moved.send(sender=OrgUnit, unit=unit)
    unit.refresh_from_db()
    return unit


@dataclass(frozen=True)
class MergePlan:
    """What a merge would move: shown on the confirmation screen, then carried out."""

    source: OrgUnit
    target: OrgUnit
    members: list
    roles: list
    children: list


def unit_merge_plan(*, source: OrgUnit, target: OrgUnit) -> MergePlan:
    if source.pk == target.pk or target.path.startswith(source.path):
        raise ValueError("a unit cannot merge into itself or a unit below it")
    return MergePlan(
        source=source,
        target=target,
        members=list(Membership.objects.current().filter(unit=source).select_related("user")),
        roles=list(source.roles.select_related("user")),
        children=list(source.get_children()),
    )


@transaction.atomic
def unit_merge(*, source: OrgUnit, target: OrgUnit) -> MergePlan:
    """Merges `source` into `target`: current memberships of the source end today and start
    again in the target (past reports stay true), roles and child units move across, and
    the source is marked merged_into target."""
    plan = unit_merge_plan(source=source, target=target)
    today = timezone.localdate()
    for membership in plan.members:
        if membership.valid_from >= today:
            membership.unit = target  # started today: nothing in the past to keep
            membership.save(update_fields=["unit"])
            continue
        membership.valid_to = today
        membership.save(update_fields=["valid_to"])
        Membership.objects.get_or_create(user=membership.user, unit=target, valid_from=today)
    for role in plan.roles:
        if not target.roles.filter(user=role.user, role=role.role).exists():
            role.unit = target
            role.save(update_fields=["unit"])
        else:
            role.delete()
    for child in plan.children:
        unit_move(unit=child, parent=target)
    source.refresh_from_db()
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    return plan
