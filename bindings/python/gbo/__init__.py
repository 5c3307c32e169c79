"""libgbo for Python: the shared language of Flanders' GBO partners.

Validate exchange documents and bundles with the rules of the GBO catalogue
(``gbo.Validator``, ``gbo.validate``); read a document into libgbo's model
(``gbo.parse``), build one (``gbo.Exchange``, ``gbo.Referral``, ... whose
properties come from the library's field table), write it behind the consent
gate (``Exchange.to_xml``) and evaluate consent (``gbo.evaluate_consent``).
The C library does the work; see docs/python.md.
"""

from __future__ import annotations

import dataclasses
import os
from typing import IO, Any, Union

from . import _gbo
from ._gbo import (
    _LIMIT_FIELDS,
    FORMAT_NAMESPACE,
    FORMAT_VERSION,
    Bundle,
    BundleItem,
    Code,
    Codes,
    ConsentContext,
    ConsentError,
    Decision,
    Diagnostic,
    DocumentError,
    Entity,
    Error,
    FieldList,
    History,
    IdentifierCheck,
    InvalidValueError,
    NationalNumber,
    Stats,
    StatsRow,
    Validator,
    WithdrawalPropagation,
    __version__,
    check_enterprise_number,
    check_establishment_number,
    check_national_number,
    codes,
    evaluate_consent,
    lifecycle_is_terminal,
    lifecycle_step,
    open_bundle,
    parse,
)
from ._values import BirthDate

# The entity classes (Exchange, Person, Referral, ...), one per kind of
# libgbo's field table.
_ENTITY_CLASSES = [name for name, _, _ in _gbo._model()]
globals().update({name: getattr(_gbo, name) for name in _ENTITY_CLASSES})

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]

# The reading limits, field for field libgbo's struct gbo_limits (its defaults
# come from the library), so the class grows with it.
def _check_limits(self: Any) -> None:
    for name, _ in _LIMIT_FIELDS:
        value = getattr(self, name)
        if type(value) is not int:
            raise TypeError(f"Limits.{name} must be an int, not {type(value).__name__}")
        if value < 1:
            raise ValueError(f"Limits.{name} must be at least 1, not {value}")


Limits = dataclasses.make_dataclass(
    "Limits",
    [(name, int, dataclasses.field(default=value)) for name, value in _LIMIT_FIELDS],
    namespace={"__post_init__": _check_limits},
    frozen=True,
)
Limits.__module__ = __name__
Limits.__doc__ = (
    "Reading limits per document or bundle item (GBO-X005); every field defaults to "
    "libgbo's own default. Pass one to Validator(limits=...) or parse(limits=...)."
)


def validate(source: Source, **options: Any) -> list[Diagnostic]:
    """Validate one document or bundle with a Validator(**options) made for it."""
    return Validator(**options).validate(source)


__all__ = [
    "FORMAT_NAMESPACE",
    "FORMAT_VERSION",
    "BirthDate",
    "Bundle",
    "BundleItem",
    "Code",
    "Codes",
    "ConsentContext",
    "ConsentError",
    "Decision",
    "Diagnostic",
    "DocumentError",
    "Entity",
    "Error",
    "FieldList",
    "History",
    "IdentifierCheck",
    "InvalidValueError",
    "Limits",
    "NationalNumber",
    "Source",
    "Stats",
    "StatsRow",
    "Validator",
    "WithdrawalPropagation",
    "__version__",
    "check_enterprise_number",
    "check_establishment_number",
    "check_national_number",
    "codes",
    "evaluate_consent",
    "lifecycle_is_terminal",
    "lifecycle_step",
    "open_bundle",
    "parse",
    "validate",
]
__all__ += _ENTITY_CLASSES
