"""Reads for people. `units_for(user)` is the one place that decides which units a person
may see; every screen, filter, export and report in later apps goes through it."""

from django.db.models import Q, QuerySet

from .models import OrgUnit, UnitRole, UnitRoleKind, User

SCOPE_ROLES = (UnitRoleKind.MANAGER, UnitRoleKind.TEAM_LEADER)


def _scope_filter(paths: list[str]) -> Q:
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(path__startswith=path)
    return query


def units_for(user: User | None, *, roles=SCOPE_ROLES) -> QuerySet[OrgUnit]:
    """Units a person may see: everything for a superuser; for a manager or team leader the
    units they hold the role on and every unit below them; nothing for anyone else."""
    if user is None or not user.is_authenticated or not user.is_active:
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    paths = list(
        UnitRole.objects.filter(user=user, role__in=roles).values_list("unit__path", flat=True)
    )
    if not paths:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(_scope_filter(paths))


def team_units_for(user: User | None) -> QuerySet[OrgUnit]:
    """Units where a person may register members: their team-leader and manager scope."""
    return units_for(user).active()


def members_for(user: User | None, *, on=None) -> QuerySet[User]:
    """People with a current membership of a unit the person may see."""
    from .models import Membership

    units = units_for(user)
    user_ids = Membership.objects.current(on=on).filter(unit__in=units).values("user_id")
    return User.objects.filter(pk__in=user_ids).order_by("full_name", "pk")


def can_see_unit(user: User | None, unit: OrgUnit) -> bool:
    return units_for(user).filter(pk=unit.pk).exists()


def can_see_member(user: User | None, member: User) -> bool:
    return members_for(user).filter(pk=member.pk).exists()


def is_staff_for_mfa(user: User) -> bool:
    """Editors, managers and administrators: people who must use a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    if user.has_perm("wagtailadmin.access_admin"):
        return True
    return UnitRole.objects.filter(user=user, role=UnitRoleKind.MANAGER).exists()
