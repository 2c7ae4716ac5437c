"""Revocation as a W3C Bitstring Status List (v1.0), the status mechanism of Open Badges 3.0.

Every certificate owns one bit: `(status_list, status_index)`, drawn at random when it is issued
(random, not in issue order, so that a list does not tell who was certified when) and unique by a
database constraint. The list itself is never stored: it is the revoked certificates of that list,
read on request, so revoking a certificate flips its bit with nothing else to keep in step.
"""

import base64
import datetime
import gzip
import secrets
from collections.abc import Iterable

from django.db.models import Max
from django.utils import timezone

from .models import Certificate

# The specification's minimum size (16 KiB): the herd each certificate hides in.
LIST_SIZE = 131_072
# A new list is opened once this many bits are taken, so that a random draw rarely collides.
LIST_FILL = LIST_SIZE // 8
PURPOSE = "revocation"
# How long a verifier may keep a fetched list, and how long a signed copy stays valid.
LIST_TTL = datetime.timedelta(minutes=5)
LIST_VALIDITY = datetime.timedelta(days=1)


def status_slot_draw() -> tuple[int, int]:
    """A random free-looking slot in the list being filled; the unique constraint has the last
    word (certificate_issue draws again when two issuers pick the same bit)."""
    current = Certificate.objects.aggregate(latest=Max("status_list"))["latest"] or 1
    if Certificate.objects.filter(status_list=current).count() >= LIST_FILL:
        current += 1
    return current, secrets.randbelow(LIST_SIZE)


def encoded_list(indices: Iterable[int], size: int = LIST_SIZE) -> str:
    """The `encodedList` value: multibase base64url ("u") of the GZIP of an MSB-first bitstring."""
    bits = bytearray(size // 8)
    for index in indices:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def revoked_indices(number: int) -> list[int]:
    return list(
        Certificate.objects.filter(
            status_list=number, status_index__isnull=False, revoked_at__isnull=False
        ).values_list("status_index", flat=True)
    )


def status_list_exists(number: int) -> bool:
    return Certificate.objects.filter(status_list=number).exists()


def status_list_credential(
    *, number: int, url: str, issuer: str, now: datetime.datetime | None = None
) -> dict:
    """The (unsigned) BitstringStatusListCredential of list `number`, valid for a day."""
    now = now or timezone.now().replace(microsecond=0)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": iso_utc(now),
        "validUntil": iso_utc(now + LIST_VALIDITY),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encoded_list(revoked_indices(number)),
            "ttl": int(LIST_TTL.total_seconds() * 1000),
        },
    }


def status_entry(*, list_url: str, index: int) -> dict:
    """The `credentialStatus` of a credential whose bit is `index` of the list at `list_url`."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def iso_utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
