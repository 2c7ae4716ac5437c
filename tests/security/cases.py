"""Turns each table key into a concrete URL, with ids taken from the world (learner A's)."""

import re

from .matrix import MISSING_ID, route_keys, url_routes

CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _model_of(pattern):
    callback = pattern.callback
    model = getattr(callback, "view_initkwargs", {}).get("model")
    if model is None:
        model = getattr(getattr(callback, "view_class", None), "model", None)
    return model if isinstance(model, type) else None


def _object_pk(world, model) -> int:
    """The object of `model` that the URLs name: learner A's or commune A's where it matters."""
    from wagtail.models import Page, Site, Task, Workflow

    from competencies.models import CompetenceLevel
    from people.models import Membership, OrgUnit, UnitRole, User

    users, units, objects = world.users, world.units, world.objects
    learner = users["learner_a"]
    chosen = {
        OrgUnit: units["a"],
        Membership: Membership.objects.filter(user=learner).first(),
        UnitRole: UnitRole.objects.filter(user=users["team_leader"]).first(),
        User: learner,
        CompetenceLevel: CompetenceLevel.objects.filter(user=learner).first(),
        Page: objects["lesson"],
        Site: Site.objects.get(is_default_site=True),
        Workflow: Workflow.objects.order_by("pk").first(),
        Task: Task.objects.order_by("pk").first(),
    }
    for obj in objects.values():
        if hasattr(obj, "_meta") and obj._meta.model not in chosen:
            chosen.setdefault(obj._meta.model, obj)
    obj = chosen.get(model)
    if obj is None and model is not None:
        obj = model._default_manager.order_by("pk").first()
    return obj.pk if obj is not None else MISSING_ID


def _kwarg_values(world) -> dict:
    o = world.objects
    lesson = o["lesson"]
    return {
        "page_id": lesson.pk,
        "parent_page_id": o["course"].pk,
        "page_to_move_id": lesson.pk,
        "destination_id": o["course"].pk,
        "page_pk": lesson.pk,
        "revision_id": lesson.latest_revision_id,
        "document_id": o["private_document"].pk,
        "doc_id": o["private_document"].pk,
        "image_id": o["image"].pk,
        "redirect_id": o["redirect"].pk,
        "collection_id": o["private_collection"].pk,
        "quiz_id": o["quiz"].pk,
        "attempt_id": o["open_attempt"].pk,
        "course_id": o["course"].pk,
        "lesson_id": lesson.pk,
        "category_id": o["category"].pk,
        "fmt": "xlsx",
        "number": 1,
        "code": o["certificate"].code,
        "content_type_app_name": "courses",
        "content_type_model_name": "lessonpage",
        "app_label": "wagtailcore",
        "model_name": "page",
        "app_name": "wagtailcore",
        "action": "delete",
        "action_name": "approve",
        "object_id": lesson.pk,
        "filter_spec": "fill-100x100",
        "uidb64": "MQ",
        "token": "khong-hop-le",
        "task_id": _object_pk(world, __import__("wagtail.models", fromlist=["Task"]).Task),
        "workflow_pk": _object_pk(
            world, __import__("wagtail.models", fromlist=["Workflow"]).Workflow
        ),
    }


def _explicit(world) -> dict:
    """URLs that a route string cannot give (regular expressions, variants)."""
    o = world.objects
    lesson = o["lesson"]
    public, private = o["public_document"], o["private_document"]
    unit_a = world.units["a"].pk
    return {
        "admin/api/main/^pages/": "/admin/api/main/pages/",
        "admin/api/main/^pages/<int:pk>/": f"/admin/api/main/pages/{lesson.pk}/",
        "admin/api/main/^pages/find/": f"/admin/api/main/pages/find/?id={lesson.pk}",
        "admin/api/main/^pages/<int:pk>/action/<str:action_name>/": (
            f"/admin/api/main/pages/{lesson.pk}/action/copy/"
        ),
        "admin/api/main/^documents/": "/admin/api/main/documents/",
        "admin/api/main/^documents/<int:pk>/": f"/admin/api/main/documents/{private.pk}/",
        "admin/api/main/^documents/find/": f"/admin/api/main/documents/find/?id={private.pk}",
        "admin/api/main/^images/": "/admin/api/main/images/",
        "admin/api/main/^images/<int:pk>/": f"/admin/api/main/images/{o['image'].pk}/",
        "admin/api/main/^images/find/": f"/admin/api/main/images/find/?id={o['image'].pk}",
        "admin/pages/^(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)"
        "\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": (
            f"/admin/pages/{lesson.pk}/revisions/compare/earliest...latest/"
        ),
        "admin/^.*/$": "/admin/khong-co-trang-nay/",
        "admin/test404/": "/admin/test404/",
        "admin/settings/<slug:app_name>/<slug:model_name>/": "/admin/settings/lms/khong-co/",
        "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": (
            "/admin/settings/lms/khong-co/1/"
        ),
        "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": (
            "/admin/settings/lms/khong-co/1/preview/"
        ),
        "tai-lieu/^(\\d+)/(.*)$": f"/tai-lieu/{public.pk}/{public.filename}",
        "tai-lieu/^(\\d+)/(.*)$ [private document]": f"/tai-lieu/{private.pk}/{private.filename}",
        "tai-khoan/^confirm-email/(?P<key>[-:\\w]+)/$": "/tai-khoan/confirm-email/khong-hop-le/",
        "tai-khoan/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
            "/tai-khoan/password/reset/key/1-khong-hop-le/"
        ),
        "^((?:[\\w\\-]+/)*)$": "/",
        "^((?:[\\w\\-]+/)*)$ [course index page]": o["index"].url,
        "^((?:[\\w\\-]+/)*)$ [course page]": o["course"].url,
        "^((?:[\\w\\-]+/)*)$ [lesson page]": lesson.url,
        "^((?:[\\w\\-]+/)*)$ [quiz page]": o["quiz"].url,
        "^((?:[\\w\\-]+/)*)$ [no such page]": "/khong-co-trang-nay/",
        "kiem-tra/lan/<int:attempt_id>/ket-qua/": (
            f"/kiem-tra/lan/{o['finished_attempt'].pk}/ket-qua/"
        ),
        "admin/bao-cao/hoan-thanh/ [export xlsx]": "/admin/bao-cao/hoan-thanh/?export=xlsx",
        "admin/bao-cao/hoan-thanh/ [export csv]": "/admin/bao-cao/hoan-thanh/?export=csv",
        "admin/bao-cao/can-nhac-nho/ [export xlsx]": "/admin/bao-cao/can-nhac-nho/?export=xlsx",
        "admin/bao-cao/can-nhac-nho/ [export csv]": "/admin/bao-cao/can-nhac-nho/?export=csv",
        "admin/bao-cao/hoan-thanh/ [unit A]": f"/admin/bao-cao/hoan-thanh/?unit={unit_a}",
        "admin/bao-cao/hoan-thanh/ [unit A, export csv]": (
            f"/admin/bao-cao/hoan-thanh/?unit={unit_a}&export=csv"
        ),
        "admin/bao-cao/can-nhac-nho/ [unit A]": f"/admin/bao-cao/can-nhac-nho/?unit={unit_a}",
        "admin/bao-cao/can-nhac-nho/ [unit A, export csv]": (
            f"/admin/bao-cao/can-nhac-nho/?unit={unit_a}&export=csv"
        ),
        "admin/kiem-tra/xuat/<int:category_id>/<str:fmt>/ [gift]": (
            f"/admin/kiem-tra/xuat/{o['category'].pk}/gift/"
        ),
        "admin/kiem-tra/xuat/<int:category_id>/<str:fmt>/ [moodle xml]": (
            f"/admin/kiem-tra/xuat/{o['category'].pk}/xml/"
        ),
        "nguoi-dung/thanh-vien/<int:pk>/the-dang-nhap/": (
            f"/nguoi-dung/thanh-vien/{world.users['card_member'].pk}/the-dang-nhap/"
        ),
        "admin/don-vi/<int:pk>/gop/": f"/admin/don-vi/{world.units['a'].pk}/gop/",
        "admin/chung-chi/thu-hoi/<int:pk>/": f"/admin/chung-chi/thu-hoi/{o['certificate'].pk}/",
        "admin/kiem-tra/thong-ke/<int:quiz_id>/": f"/admin/kiem-tra/thong-ke/{o['quiz'].pk}/",
        "admin/khung-nang-luc/<int:pk>/tai-ve.xlsx": (
            f"/admin/khung-nang-luc/{o['competence'].area.framework_id}/tai-ve.xlsx"
        ),
        "chung-chi/<str:code>/pdf/": f"/chung-chi/{o['certificate'].code}/pdf/",
        "xac-minh/<str:code>/ [wrong code]": "/xac-minh/AAAAAAAAAAAAAAAAAAAAAAAAAA/",
    }


def case_urls(world) -> dict[str, str]:
    """{table key: URL} for every route of the URLconf and every listed variant."""
    explicit = _explicit(world)
    values = _kwarg_values(world)
    urls = {}
    for key, (route, pattern) in zip(route_keys(), url_routes(), strict=True):
        if key in explicit:
            urls[key] = explicit[key]
            continue
        model = _model_of(pattern)

        def value(match, model=model, route=route):
            name = match.group(2)
            if name == "pk":
                return str(_object_pk(world, model))
            if name not in values and not name.endswith(("_id", "_pk")):
                raise AssertionError(f"no value for <{name}> in {route!r}")
            return str(values.get(name, MISSING_ID))  # objects the world has none of

        path = CONVERTER.sub(value, route)
        if re.search(r"[\^$()\\?*+\[\]]", path):
            raise AssertionError(f"add an explicit URL for the pattern {route!r}")
        urls[key] = "/" + path
    for key, url in explicit.items():
        urls.setdefault(key, url)
    return urls
