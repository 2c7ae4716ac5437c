"""Question files in and out: GIFT and Moodle XML, read and written as Moodle does.

`read_upload` picks the reader by the file's name; every reader returns a `Reading` (the
items, each a draft or the reason it is skipped); every writer takes drafts
(`question_as_draft` makes one of a saved question).
"""

from django.utils.translation import gettext as _

from .drafts import Item, Reading, decode_text, question_as_draft
from .gift import read_gift, write_gift
from .moodle_xml import read_moodle_xml, write_moodle_xml

__all__ = [
    "Item",
    "Reading",
    "question_as_draft",
    "read_gift",
    "read_moodle_xml",
    "read_upload",
    "write_gift",
    "write_moodle_xml",
]


def read_upload(data: bytes, name: str) -> Reading:
    """A GIFT (.txt, .gift) or Moodle XML (.xml) file's questions."""
    if name.lower().endswith(".xml"):
        return read_moodle_xml(data)
    text, warning = decode_text(data)
    if "\x00" in text:
        return Reading(fatal=_("tệp GIFT phải là văn bản, không phải tệp nhị phân"))
    reading = read_gift(text)
    if warning:
        reading.warnings.insert(0, warning)
    return reading
