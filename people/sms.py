"""Sending short text messages (one-time codes) through a pluggable sender.

`settings.SMS_BACKEND` names a class with one method::

    class MyGatewaySender:
        def send(self, *, phone: str, message: str) -> None: ...

`phone` is E.164 (+84912345678); `message` is plain text, at most 160 characters when it
can be. A real gateway (a Vietnamese SMS brand-name provider, for example) is one such class
that reads its credentials from the environment and raises `SmsError` when the gateway
refuses the message. Development writes messages to a file (`settings.SMS_FILE_PATH`); tests
use `MemorySmsSender` and read `people.sms.outbox`.
"""

import datetime
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """The gateway did not accept the message."""


@dataclass(frozen=True)
class Sms:
    phone: str
    message: str
    sent_at: datetime.datetime = field(default_factory=timezone.now)


# Every message sent by a development sender, newest last (like django.core.mail.outbox).
outbox: list[Sms] = []


class SmsSender(Protocol):
    def send(self, *, phone: str, message: str) -> None: ...


class MemorySmsSender:
    """Keeps messages in `outbox` only (tests)."""

    def send(self, *, phone: str, message: str) -> None:
        outbox.append(Sms(phone=phone, message=message))


class ConsoleSmsSender(MemorySmsSender):
    """Prints messages to the log as well (development)."""

    def send(self, *, phone: str, message: str) -> None:
        super().send(phone=phone, message=message)
        logger.warning("SMS to %s: %s", phone, message)


class FileSmsSender(MemorySmsSender):
    """Appends each message as one JSON line to `settings.SMS_FILE_PATH` (development)."""

    def send(self, *, phone: str, message: str) -> None:
        super().send(phone=phone, message=message)
        path = Path(settings.SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        sms = outbox[-1]
        with path.open("a", encoding="utf-8") as handle:
            record = {**asdict(sms), "sent_at": sms.sent_at.isoformat()}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def get_sender() -> SmsSender:
    return import_string(settings.SMS_BACKEND)()


def send_sms(*, phone: str, message: str) -> None:
    """Sends one message through the configured sender."""
    get_sender().send(phone=phone, message=message)
