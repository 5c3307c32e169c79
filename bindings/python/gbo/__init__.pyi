import os
from dataclasses import dataclass
from typing import IO, Any, Union

from ._gbo import (
    FORMAT_NAMESPACE as FORMAT_NAMESPACE,
    FORMAT_VERSION as FORMAT_VERSION,
    Bundle as Bundle,
    BundleItem as BundleItem,
    Code as Code,
    Codes as Codes,
    Diagnostic as Diagnostic,
    DocumentError as DocumentError,
    Error as Error,
    Exchange as Exchange,
    Validator as Validator,
    __version__ as __version__,
    codes as codes,
    open_bundle as open_bundle,
    parse as parse,
)

Source = Union[str, os.PathLike[str], bytes, bytearray, memoryview, IO[bytes]]

@dataclass(frozen=True)
class Limits:
    max_document_bytes: int = ...
    max_depth: int = ...
    max_elements: int = ...
    max_text_bytes: int = ...
    max_attributes: int = ...
    max_start_tag_bytes: int = ...
    max_namespaces: int = ...
    def __post_init__(self) -> None: ...

def validate(source: Source, **options: Any) -> list[Diagnostic]: ...

__all__ = [
    "FORMAT_NAMESPACE",
    "FORMAT_VERSION",
    "Bundle",
    "BundleItem",
    "Code",
    "Codes",
    "Diagnostic",
    "DocumentError",
    "Error",
    "Exchange",
    "Limits",
    "Source",
    "Validator",
    "__version__",
    "codes",
    "open_bundle",
    "parse",
    "validate",
]
