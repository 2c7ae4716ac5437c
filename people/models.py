"""People: users, the unit tree, dated membership, learner profiles and unit roles."""

import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


def display_name(*names: str) -> str:
    """The first of a person's `User.NAME_FIELDS` that is set."""
    return next((name for name in names if name), "")


class User(AbstractUser):
    """A person who signs in. E-mail and phone are both optional but unique when present."""

    email = models.EmailField(_("e-mail"), blank=True, default="")
    phone = models.CharField(
        _("số điện thoại"),
        max_length=16,
        blank=True,
        default="",
        help_text=_("Định dạng quốc tế E.164, ví dụ +84912345678."),
    )
    phone_verified = models.BooleanField(_("đã xác minh số điện thoại"), default=False)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True, default="")

    objects = UserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="people_user_email_unique"
            ),
            models.UniqueConstraint(
                "phone", condition=~Q(phone=""), name="people_user_phone_unique"
            ),
        ]

    # The columns a person's name is shown from, in order: for reads of plain values.
    NAME_FIELDS = ("full_name", "email", "phone", "username")

    def __str__(self) -> str:
        return display_name(*(getattr(self, name) for name in self.NAME_FIELDS))

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def get_short_name(self) -> str:
        return (self.full_name.split()[-1] if self.full_name else "") or self.username


class OrgUnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/Thành phố")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    AGENCY = "agency", _("Cơ quan, đơn vị")
    TEAM = "team", _("Tổ công nghệ số cộng đồng")
    OTHER = "other", _("Khác")


class OrgUnitQuerySet(MP_NodeQuerySet):
    def active(self):
        return self.filter(merged_into__isnull=True)


class OrgUnitManager(MP_NodeManager):
    def get_queryset(self):
        # treebeard's manager builds a plain MP_NodeQuerySet; keep ours (and tree order).
        return OrgUnitQuerySet(self.model, using=self._db).order_by("path")

    def active(self):
        return self.get_queryset().active()


class OrgUnit(MP_Node):
    """A unit in a tree of any depth: province > commune/ward > team today."""

    name = models.CharField(_("tên đơn vị"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=OrgUnitKind.choices)
    code = models.CharField(_("mã"), max_length=40, unique=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("đã sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )

    node_order_by = ["name"]
    objects = OrgUnitManager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name

    @property
    def tree_label(self) -> str:
        """The name indented by depth, for flat lists of the tree."""
        return "— " * (self.depth - 1) + self.name


class UnitPlacement(models.Model):
    """Where a unit sat before it moved: under `parent` from `valid_from` (None: since it was
    made) until `valid_to` (the day of the move, excluded). The tree itself (`OrgUnit.path`)
    is today's; these rows keep the past, so that a report as of a past day groups units as
    they were then (`people.placements.tree_on`)."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="placements"
    )
    parent = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"))

    class Meta:
        verbose_name = _("vị trí cũ của đơn vị")
        verbose_name_plural = _("vị trí cũ của đơn vị")
        indexes = [models.Index(fields=["valid_to"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.parent or '—'} (→ {self.valid_to})"


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """Memberships valid on a date (today by default): valid_from <= on < valid_to."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on), valid_from__lte=on)


class Membership(models.Model):
    """A user belongs to a unit over a span of dates; past reports stay true after mergers."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    valid_from = models.DateField(_("từ ngày"), default=timezone.localdate)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên đơn vị")
        verbose_name_plural = _("thành viên đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "valid_from"], name="people_membership_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="people_membership_dates_ordered",
            ),
        ]
        indexes = [models.Index(fields=["unit", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.unit}"


class Audience(models.TextChoices):
    OFFICIAL = "official", _("Cán bộ, công chức, viên chức")
    TEAM_MEMBER = "team_member", _("Thành viên tổ công nghệ số cộng đồng")
    YOUTH = "youth", _("Đoàn viên, thanh niên")
    RESIDENT = "resident", _("Người dân")


class LearnerProfile(models.Model):
    user = models.OneToOneField(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="profile"
    )
    audience = models.CharField(_("đối tượng"), max_length=20, choices=Audience.choices)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True, default="")

    class Meta:
        verbose_name = _("hồ sơ người học")
        verbose_name_plural = _("hồ sơ người học")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_audience_display()})"


class UnitRoleKind(models.TextChoices):
    MANAGER = "manager", _("Quản lý")
    TEAM_LEADER = "team_leader", _("Tổ trưởng")


class UnitRole(models.Model):
    """A role over a unit; its scope is the unit and every unit below it."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="unit_roles"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=UnitRoleKind.choices)

    class Meta:
        verbose_name = _("vai trò theo đơn vị")
        verbose_name_plural = _("vai trò theo đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="people_unitrole_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} — {self.unit}"
