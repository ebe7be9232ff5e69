"""Kazakhstan's places and national bodies in Kazakh, Russian, English and Latin Kazakh.

`places.tsv`: the 17 regions, the three cities of republican significance, the main cities and
a set of districts, each with its region.  `organisations.tsv`: ministries and national bodies,
with the gov.kz entity slugs they publish under and the topic they mostly publish on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from janalyq.translit import to_latin


@dataclass(frozen=True)
class Place:
    id: str
    kind: str  # region, city-region, city, district
    region: str
    names: dict  # kk, ru, en, latn -> name
    variants: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.names.values(), *self.variants]))


@dataclass(frozen=True)
class Organisation:
    id: str
    outlets: tuple[str, ...]
    names: dict
    variants: tuple[str, ...]
    topic: str

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.names.values(), *self.variants]))


def _rows(filename: str) -> list[list[str]]:
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]  # first line names the columns


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    out = {}
    for row in _rows("places.tsv"):
        row += [""] * (8 - len(row))
        pid, kind, region, kk, ru, en, latn, variants = row[:8]
        # The official Latin spelling comes from the transliterator; the column keeps the
        # informal Latin spellings seen in the wild (i for і, no İ) as further variants.
        names = {"kk": kk, "ru": ru, "en": en, "latn": to_latin(kk)}
        out[pid] = Place(pid, kind, region, names, (*_split(variants), latn, *_abbreviated(kind, en)))
    return out


def _abbreviated(kind: str, english: str) -> tuple[str, ...]:
    """The short English forms of a region that agencies write ("Almaty rgn", "Almaty reg.",
    "Almaty obl."): without them "Almaty rgn" would be read as the city."""
    if kind != "region" or not english.endswith(" region"):
        return ()
    stem = english.removesuffix(" region")
    return (f"{stem} rgn", f"{stem} reg", f"{stem} obl")


@lru_cache(maxsize=1)
def organisations() -> dict[str, Organisation]:
    out = {}
    for row in _rows("organisations.tsv"):
        row += [""] * (8 - len(row))
        oid, outlets, kk, ru, en, latn, variants, topic = row[:8]
        names = {"kk": kk, "ru": ru, "en": en, "latn": to_latin(kk)}
        out[oid] = Organisation(oid, _split(outlets), names, (*_split(variants), latn), topic)
    return out


def regions() -> dict[str, Place]:
    """The 20 first-level units: 17 regions and 3 cities of republican significance."""
    return {pid: p for pid, p in places().items() if p.kind in ("region", "city-region")}


def region_name(region_id: str | None, lang: str = "en") -> str | None:
    place = places().get(region_id or "")
    return place.names.get(lang) or place.names["en"] if place else None
