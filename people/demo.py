"""Demo data for people: the merged Đồng Nai province, its communes, wards and teams,
and one account per role. Idempotent: running it twice changes nothing."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import Audience, LearnerProfile, Membership, OrgUnit, OrgUnitKind, UnitRole, User

DEMO_PASSWORD = "hoc-ky-nang-so-2026"  # noqa: S105 - documented demo password, README
DEMO_SINCE = datetime.date(2025, 7, 1)  # the two-tier local government started on 1 July 2025

PROVINCE = ("DNA", "Tỉnh Đồng Nai")
# (code, name, kind, [team names])
COMMUNES = [
    (
        "DNA-LPH",
        "Xã Long Phước",
        OrgUnitKind.COMMUNE,
        ["Tổ CNSCĐ ấp Bến Cam", "Tổ CNSCĐ ấp Phước Hòa"],
    ),
    ("DNA-BLO", "Xã Bình Lợi", OrgUnitKind.COMMUNE, ["Tổ CNSCĐ ấp 1", "Tổ CNSCĐ ấp 2"]),
    ("DNA-BHO", "Xã Bảo Hòa", OrgUnitKind.COMMUNE, ["Tổ CNSCĐ ấp Hòa Bình", "Tổ CNSCĐ ấp Nam Hà"]),
    ("DNA-TBI", "Phường Trấn Biên", OrgUnitKind.WARD, ["Tổ CNSCĐ khu phố 1"]),
    ("DNA-LKH", "Phường Long Khánh", OrgUnitKind.WARD, ["Tổ CNSCĐ khu phố Suối Chồn"]),
    ("DNA-BPH", "Phường Bình Phước", OrgUnitKind.WARD, ["Tổ CNSCĐ khu phố Tân Bình"]),
    ("DNA-NTR", "Xã Nhơn Trạch", OrgUnitKind.COMMUNE, ["Tổ CNSCĐ ấp Phước Lý"]),
    ("DNA-XLO", "Xã Xuân Lộc", OrgUnitKind.COMMUNE, ["Tổ CNSCĐ ấp Bình Hòa"]),
]

# (key, e-mail, full name, audience, unit code, role, wagtail group, superuser)
ACCOUNTS = [
    (
        "learner",
        "hocvien@example.com",
        "Nguyễn Thị Lan",
        Audience.TEAM_MEMBER,
        "DNA-LPH-T1",
        None,
        None,
        False,
    ),
    (
        "team_leader",
        "totruong@example.com",
        "Trần Văn Hùng",
        Audience.TEAM_MEMBER,
        "DNA-LPH-T1",
        "team_leader",
        None,
        False,
    ),
    (
        "manager",
        "quanly@example.com",
        "Lê Minh Tuấn",
        Audience.OFFICIAL,
        "DNA-LPH",
        "manager",
        None,
        False,
    ),
    (
        "editor",
        "bientap@example.com",
        "Phạm Thu Hà",
        Audience.OFFICIAL,
        "DNA",
        None,
        "Editors",
        False,
    ),
    ("admin", "quantri@example.com", "Võ Quốc Bảo", Audience.OFFICIAL, "DNA", None, None, True),
]


def _unit(*, code: str, name: str, kind: str, parent: OrgUnit | None) -> OrgUnit:
    existing = OrgUnit.objects.filter(code=code).first()
    if existing:
        return existing
    if parent is None:
        return OrgUnit.add_root(code=code, name=name, kind=kind)
    return parent.add_child(code=code, name=name, kind=kind)


@transaction.atomic
def seed_units() -> OrgUnit:
    code, name = PROVINCE
    province = _unit(code=code, name=name, kind=OrgUnitKind.PROVINCE, parent=None)
    for unit_code, unit_name, kind, teams in COMMUNES:
        commune = _unit(code=unit_code, name=unit_name, kind=kind, parent=province)
        for index, team_name in enumerate(teams, start=1):
            province.refresh_from_db()
            commune.refresh_from_db()
            _unit(
                code=f"{unit_code}-T{index}", name=team_name, kind=OrgUnitKind.TEAM, parent=commune
            )
    return province


def editors_group_grant(app_label: str, models: dict[str, tuple[str, ...]]) -> None:
    """Gives Wagtail's Editors group the permissions on an app's models that the README's
    editor needs (each app's demo seed grants its own; a second run adds nothing)."""
    from django.contrib.auth.models import Permission

    group = Group.objects.filter(name="Editors").first()
    if group is None:
        return
    codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def unit_managers_group() -> Group:
    """Managers reach the admin's unit screens (scoped by units_for) and nothing else."""
    from django.contrib.auth.models import Permission

    group, created = Group.objects.get_or_create(name="Quản lý đơn vị")
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


@transaction.atomic
def seed_accounts() -> dict[str, User]:
    users = {}
    for key, email, full_name, audience, unit_code, role, group, superuser in ACCOUNTS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(
                username=email.split("@")[0],
                email=email,
                full_name=full_name,
                is_staff=superuser or bool(group),
                is_superuser=superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            unit = OrgUnit.objects.get(code=unit_code)
            LearnerProfile.objects.create(user=user, audience=audience)
            Membership.objects.create(user=user, unit=unit, valid_from=DEMO_SINCE)
            if role:
                UnitRole.objects.create(user=user, unit=unit, role=role)
            if role == "manager":
                user.groups.add(unit_managers_group())
            if group:
                user.groups.add(Group.objects.get(name=group))
        users[key] = user
    return users


# Three to five members per team, so that team and commune reports have people in them.
MEMBER_NAMES = [
    "Nguyễn Văn Bảy",
    "Trần Thị Hoa",
    "Lê Văn Sáu",
    "Phạm Thị Thu",
    "Hoàng Văn Nam",
    "Võ Thị Hạnh",
    "Đặng Văn Lộc",
    "Bùi Thị Cúc",
    "Đỗ Văn Tâm",
    "Huỳnh Thị Mai",
    "Ngô Văn Phúc",
]
MEMBER_AUDIENCES = [Audience.TEAM_MEMBER, Audience.RESIDENT, Audience.YOUTH]


@transaction.atomic
def seed_team_members() -> int:
    """Adds members to every demo team; usernames are fixed, so a second run adds nothing."""
    created = 0
    teams = OrgUnit.objects.filter(kind=OrgUnitKind.TEAM, code__startswith="DNA-").order_by("code")
    for team_index, team in enumerate(teams):
        for n in range(3 + team_index % 3):
            username = f"{team.code.lower()}-{n + 1}"
            if User.objects.filter(username=username).exists():
                continue
            name = MEMBER_NAMES[(team_index * 3 + n) % len(MEMBER_NAMES)]
            user = User(username=username, full_name=name)
            user.set_password(DEMO_PASSWORD)
            user.save()
            LearnerProfile.objects.create(
                user=user,
                audience=MEMBER_AUDIENCES[n % len(MEMBER_AUDIENCES)],
                birth_year=1950 + (team_index * 7 + n * 11) % 55,
            )
            Membership.objects.create(user=user, unit=team, valid_from=DEMO_SINCE)
            created += 1
    return created


def seed() -> dict[str, User]:
    seed_units()
    users = seed_accounts()
    seed_team_members()
    return users
