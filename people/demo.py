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
            if group:
                user.groups.add(Group.objects.get(name=group))
        users[key] = user
    return users


def seed() -> dict[str, User]:
    seed_units()
    return seed_accounts()
