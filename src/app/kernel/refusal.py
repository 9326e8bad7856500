"""A refused value, said the same way by every validator of the forms.

``field`` is the key a form matches on to put the message next to its field
("reps", "step 2"); it stays in English. ``label`` is the field in the
athlete's language, ``message`` what is wrong with it, and ``str()`` the
whole sentence for a place that shows one line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from app.kernel.i18n import translate


class FieldRefusal(ValueError):
    # Field keys -> their names, marked with QT_TRANSLATE_NOOP in LABEL_CONTEXT.
    LABELS: ClassVar[Mapping[str, str]] = {}
    LABEL_CONTEXT: ClassVar[str] = ""

    def __init__(self, field: str, message: str, label: str | None = None) -> None:
        if label is None:
            label = (translate(self.LABEL_CONTEXT, self.LABELS[field])
                     if field in self.LABELS else field)
        super().__init__(translate("FieldRefusal", "{field}: {message}",
                                   "a refused value: its field, then what is wrong with it")
                         .format(field=label, message=message))
        self.field = field
        self.label = label
        self.message = message
