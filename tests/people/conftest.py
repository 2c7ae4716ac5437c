"""Fixtures for the people tests: a small province tree and the in-memory SMS outbox."""

import pytest
from django.core.cache import cache

from people import sms
from tests.factories import unit_create


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "people.sms.MemorySmsSender"
    sms.outbox.clear()
    cache.clear()  # rate limits live in the cache
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def tree(db):
    """Province > communes A and B > two teams each."""
    province = unit_create(name="Tỉnh Đồng Nai", code="DNA", kind="province")
    a = unit_create(name="Xã Long Phước", code="LPH", parent=province)
    b = unit_create(name="Xã Bình Lợi", code="BLO", parent=province)
    a1 = unit_create(name="Tổ ấp Bến Cam", code="LPH-1", kind="team", parent=a)
    a2 = unit_create(name="Tổ ấp Phước Hòa", code="LPH-2", kind="team", parent=a)
    b1 = unit_create(name="Tổ ấp 1", code="BLO-1", kind="team", parent=b)
    for unit in (province, a, b, a1, a2, b1):
        unit.refresh_from_db()
    return {"province": province, "a": a, "b": b, "a1": a1, "a2": a2, "b1": b1}
