import os
from types import TracebackType
from typing import IO, Final, Iterable, Iterator, Union, final

from . import Limits

_Source = Union[str, os.PathLike[str], bytes, bytearray, memoryview, IO[bytes]]
_Data = Union[str, os.PathLike[str], bytes, bytearray, memoryview]

__version__: str
FORMAT_VERSION: str
FORMAT_NAMESPACE: str
_LIMIT_FIELDS: tuple[tuple[str, int], ...]

class Error(Exception): ...

class DocumentError(Error):
    rule: str
    line: int
    column: int
    path: str
    diagnostics: list[Diagnostic]

@final
class Diagnostic:
    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def file(self) -> str | None: ...
    @property
    def document_index(self) -> int: ...
    def __hash__(self) -> int: ...

@final
class Codes:
    def __new__(cls, extensions: Iterable[_Data] = ...) -> Codes: ...
    @property
    def version(self) -> str: ...
    @property
    def extensions(self) -> tuple[tuple[str, str], ...]: ...

@final
class Validator:
    def __new__(
        cls,
        *,
        codes: Codes | None = ...,
        context: Iterable[_Data] = ...,
        extensions: Iterable[_Data] = ...,
        lang: str | None = ...,
        limits: Limits | None = ...,
    ) -> Validator: ...
    @property
    def lang(self) -> str: ...
    @property
    def codes(self) -> Codes | None: ...
    def validate(self, source: _Source, /) -> list[Diagnostic]: ...
    def validate_many(self, sources: Iterable[_Source], jobs: int | None = ...) -> list[list[Diagnostic]]: ...

@final
class Exchange:
    def to_xml(self) -> bytes: ...

def parse(source: _Source, *, limits: Limits | None = ...) -> Exchange: ...

@final
class BundleItem(tuple[int, Exchange | None, list[Diagnostic]]):
    n_fields: int
    n_sequence_fields: int
    n_unnamed_fields: int
    __match_args__: Final = ("document_index", "exchange", "diagnostics")
    @property
    def document_index(self) -> int: ...
    @property
    def exchange(self) -> Exchange | None: ...
    @property
    def diagnostics(self) -> list[Diagnostic]: ...

@final
class Bundle:
    def __iter__(self) -> Iterator[BundleItem]: ...
    def __next__(self) -> BundleItem: ...
    def close(self) -> None: ...
    def __enter__(self) -> Bundle: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None, /
    ) -> None: ...

def open_bundle(source: _Source, *, limits: Limits | None = ..., lang: str | None = ...) -> Bundle: ...
