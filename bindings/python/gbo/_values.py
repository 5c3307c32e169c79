"""Value types of the model that Python has no type for."""

from __future__ import annotations

import dataclasses
import datetime


@dataclasses.dataclass(frozen=True)
class BirthDate:
    """A birth date that may be known by its year only (SPEC 2.2).

    ``BirthDate(1987)`` is year-only, ``BirthDate(1987, 4, 2)`` a full date;
    ``str()`` gives the exchange format's form ("1987", "1987-04-02").
    A person's ``birth_date`` reads as one, and takes one or a
    ``datetime.date``.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        for name in ("year", "month", "day"):
            value = getattr(self, name)
            if value is not None and type(value) is not int:
                raise TypeError(f"BirthDate.{name} must be an int, not {type(value).__name__}")
        if (self.month is None) != (self.day is None):
            raise ValueError("a BirthDate has a year only, or a year, month and day")
        if self.month is None:
            if not 1 <= self.year <= 9999:
                raise ValueError("year out of range 1-9999")
        else:
            datetime.date(self.year, self.month, self.day or 0)  # raises ValueError for no real date

    @property
    def year_only(self) -> bool:
        """True when only the year is known."""
        return self.month is None

    def to_date(self) -> datetime.date:
        """The full date; ValueError when only the year is known."""
        if self.month is None or self.day is None:
            raise ValueError("only the year of this birth date is known")
        return datetime.date(self.year, self.month, self.day)

    @classmethod
    def from_date(cls, date: datetime.date) -> BirthDate:
        return cls(date.year, date.month, date.day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
