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


# Bumped whenever a role or a unit changes, so that the roles cached on a user object (one
# request's user) are never read after a change made in the same process.
_generation = [0]


def unit_roles_changed(**kwargs) -> None:
    _generation[0] += 1


def unit_roles_of(user: User) -> list[tuple[str, str]]:
    """(role, unit path) of each of the user's unit roles: one query per request's user, however
    many menus, policies and views ask."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_unit_roles_cache", None)
    if cached is not None and cached[0] == _generation[0]:
        return cached[1]
    rows = list(UnitRole.objects.filter(user=user).values_list("role", "unit__path"))
    user._unit_roles_cache = (_generation[0], rows)
    return rows


def units_for(user: User | None, *, roles=SCOPE_ROLES) -> QuerySet[OrgUnit]:
    """Units a person may see: everything for a superuser; for a manager or team leader the
    units they hold the role on and every unit below them; nothing for anyone else."""
    if user is None or not user.is_authenticated or not user.is_active:
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    paths = [path for role, path in unit_roles_of(user) if role in roles]
    if not paths:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(_scope_filter(paths))


def has_unit_scope(user: User | None) -> bool:
    """Whether `units_for(user)` can hold anything, without asking the database again."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(role in SCOPE_ROLES for role, _path in unit_roles_of(user))


def team_units_for(user: User | None) -> QuerySet[OrgUnit]:
    """Units where a person may register members: their team-leader and manager scope."""
    return units_for(user).active()


def members_for(user: User | None, *, on=None) -> QuerySet[User]:
    """People with a current membership of a unit the person may see."""
    from .models import Membership

    units = units_for(user)
    user_ids = Membership.objects.current(on=on).filter(unit__in=units).values("user_id")
    return User.objects.filter(pk__in=user_ids).order_by("full_name", "pk")


def people_manageable_by(user: User | None) -> QuerySet[User]:
    """People whose account a manager or team leader may act on (pick in a membership form,
    print a login card with a set-password link). The rule, for anyone but a superuser:

    - every current membership of the person lies in the viewer's units (at least one);
    - the person is not staff, superuser, a manager anywhere, nor someone with admin access
      (people who must use a second factor are recovered by an administrator only);
    - a team leader is manageable only from above: each of their roles is on a unit strictly
      below a unit the viewer holds a role on (a co-leader of the same team is not).

    Someone with a membership in another commune is never manageable: a manager cannot pull
    them into a team and then take over their account."""
    from django.contrib.auth.models import Permission

    from .models import Membership

    if user is None or not user.is_authenticated or not user.is_active:
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    roots = [path for role, path in unit_roles_of(user) if role in SCOPE_ROLES]
    if not roots:
        return User.objects.none()
    scope = OrgUnit.objects.filter(_scope_filter(roots))
    below = scope.exclude(path__in=roots)
    current = Membership.objects.current()
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    return (
        User.objects.filter(pk__in=current.filter(unit__in=scope).values("user_id"))
        .exclude(pk__in=current.exclude(unit__in=scope).values("user_id"))
        .exclude(is_staff=True)
        .exclude(is_superuser=True)
        .exclude(pk__in=UnitRole.objects.filter(role=UnitRoleKind.MANAGER).values("user_id"))
        .exclude(pk__in=UnitRole.objects.exclude(unit__in=below).values("user_id"))
        .exclude(groups__permissions__in=admin_access)
        .exclude(user_permissions__in=admin_access)
        .order_by("full_name", "pk")
    )


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
    return is_manager(user)


def is_manager(user: User) -> bool:
    """Whether the person manages at least one unit (from the roles read once per request)."""
    return any(role == UnitRoleKind.MANAGER for role, _path in unit_roles_of(user))
