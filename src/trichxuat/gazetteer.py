"""Vietnamese administrative units from underthesea's bundled mapping (63 old → 34 new provinces).

Nothing is copied by hand: provinces, their 2025 successors and the old districts are read from
``underthesea/address/data/mapping.json`` once per process.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .textnorm import fold, strip_accents

_UNIT_PREFIXES = ("thành phố", "thị xã", "thị trấn", "huyện", "quận", "tỉnh", "xã", "phường", "đặc khu")


@dataclass(frozen=True)
class District:
    prefix: str  # "huyện", "thị xã", "thành phố", "quận"
    name: str  # "Tuy Phước"
    province: str  # old province short name, "Bình Định"


class Gazetteer:
    def __init__(self, data: dict):
        self.provinces: dict[str, str] = {}  # folded short name → short name
        self._new_of: dict[str, str] = {}  # old short → new short
        self.province_kind: dict[str, str] = {}  # short → "tỉnh" | "thành phố"
        new_names = {k: v["short"] for k, v in data["province_names"].items()}
        for key, info in data["old_province_names"].items():
            short = info["short"]
            self.provinces[fold(short)] = short
            self.province_kind[short] = "thành phố" if info["name"].lower().startswith("thành phố") else "tỉnh"
            new_key = data["province_mapping"].get(key)
            if new_key in new_names:
                self._new_of[short] = new_names[new_key]
        self.districts: dict[str, list[District]] = {}
        self.communes: dict[tuple[str, str], set[tuple[str, str]]] = {}  # (prefix, folded name) → {(district, province)}
        self.names: dict[str, str] = {fold(s): s for s in self.provinces.values()}  # any place, folded → spelled
        self._by_tail: dict[str, set[str]] | None = None  # folded name but its first letter → names (built when asked)
        self._glued: dict[str, set[str]] | None = None  # folded name without spaces → names (built when asked)
        self._bare: dict[str, set[str]] | None = None  # folded name without marks → names (built when asked)
        seen = set()
        for rec in data["ward_mapping"]:
            prov = data["old_province_names"].get(rec["old_province_key"], {}).get("short")
            for full in (rec.get("old_district"), rec.get("old_ward")):
                if not full:
                    continue
                prefix, name = split_unit(full)
                if name:
                    self.names.setdefault(fold(name), name)
            d_prefix, d_name = split_unit(rec.get("old_district") or "")
            w_prefix, w_name = split_unit(rec.get("old_ward") or "")
            if w_name and prov:
                self.communes.setdefault((w_prefix, fold(w_name)), set()).add((d_name, prov))
            if d_name and prov and (d_name, prov) not in seen:
                seen.add((d_name, prov))
                self.districts.setdefault(fold(d_name), []).append(District(d_prefix, d_name, prov))

        from . import resources

        for row in resources.load("former_provinces"):
            self.provinces.setdefault(fold(row["name"]), row["name"])
            self.province_kind.setdefault(row["name"], row["kind"])
            self._new_of.setdefault(row["name"], row["province_2025"])
            self.names.setdefault(fold(row["name"]), row["name"])
        for row in resources.load("former_districts"):
            if not any(d.province == row["province"] for d in self.districts.get(fold(row["name"]), [])):
                self.districts.setdefault(fold(row["name"]), []).append(District(row["prefix"], row["name"], row["province"]))
                self.names.setdefault(fold(row["name"]), row["name"])

    def communes_named(self, prefix: str, name: str) -> list[tuple[str, str]]:
        """(district, province) of each pre-2025 commune, ward or township of that name."""
        return sorted(self.communes.get((prefix, fold(name)), set()))

    def province(self, name: str | None) -> str | None:
        """Short name of an old (pre-2025) province, from any spelling or case."""
        if not name:
            return None
        _, bare = split_unit(name)
        return self.provinces.get(fold(bare or name))

    def province_2025(self, province: str | None) -> str | None:
        return self._new_of.get(province) if province else None

    def districts_named(self, name: str) -> list[District]:
        _, bare = split_unit(name)
        return self.districts.get(fold(bare or name), [])

    def spell(self, name: str) -> str | None:
        """The gazetteer's spelling of a place name given in any case ("BẮC KẠN" → "Bắc Kạn"), or with
        its words glued by a copy ("HàNội" → "Hà Nội", when one province or district is so spelled)."""
        _, bare = split_unit(name)
        key = fold(bare or name)
        found = self.names.get(key)
        if found or " " in key or not key:
            return found
        if self._glued is None:
            self._glued = self._names_by(lambda spelled: fold(spelled).replace(" ", ""))
        fits = self._glued.get(key, set())
        return next(iter(fits)) if len(fits) == 1 else None

    def spell_without_marks(self, name: str) -> str | None:
        """The one province or district whose name is ``name`` once marks are set aside ("QUANG NGAI", OCR
        that lost the tones, → "Quảng Ngãi"); None when no name, or several, are so spelled."""
        _, bare = split_unit(name)
        if self._bare is None:
            self._bare = self._names_by(lambda spelled: strip_accents(fold(spelled)))
        fits = self._bare.get(strip_accents(fold(bare or name)), set())
        return next(iter(fits)) if len(fits) == 1 else None

    def restore_initial(self, name: str) -> str | None:
        """The one province or district whose name is ``name`` but for its first letter ("ắk Lắk" →
        "Đắk Lắk"): a copy that dropped a line's first letter. None when no name, or several, fit."""
        if self._by_tail is None:
            self._by_tail = self._names_by(lambda spelled: fold(spelled)[1:])
        found = self._by_tail.get(fold(name), set())
        return next(iter(found)) if len(found) == 1 else None

    def restore_unit_initial(self, text: str) -> str | None:
        """A unit word that lost its first letter before a place the gazetteer knows ("hành phố Hồ Chí
        Minh" → "thành phố Hồ Chí Minh", "ỈNH LÀO CAI" → "TỈNH LÀO CAI"): a copy that dropped a line's first
        letter. None when the text does not so begin."""
        t = text.strip()
        low = t.lower()
        for prefix in sorted(_UNIT_PREFIXES, key=len, reverse=True):
            cut = prefix[1:]
            if len(cut) >= 3 and low.startswith(cut + " ") and self.spell(t[len(cut) + 1 :].strip(" ,.")):
                first = prefix[0].upper() if t[:1].isupper() else prefix[0]
                return first + t
        return None

    def unit_without_marks(self, text: str) -> str | None:
        """The unit word ``text`` begins with when its marks are set aside ("THÀNH PHÔ", "Tinh": OCR that misread
        the tones), when a place this gazetteer knows follows it (its first word capitalised); None otherwise."""
        bare = strip_accents(text.lower())
        for unit in sorted(_UNIT_PREFIXES, key=len, reverse=True):
            word = strip_accents(unit)
            m = re.match(re.escape(word).replace(r"\ ", r"\s+") + r"(?![^\W\d_])", bare)
            if len(word) < 4 or not m:
                continue  # ("xa" is too short a shape to tell)
            after = re.match(r"[ \t]+((?:[^\W\d_]+[ \t]+){0,3}[^\W\d_]+)", text[m.end() : m.end() + 40])
            names = after.group(1).split() if after else []
            if names and names[0][:1].isupper() and any(self.spell(" ".join(names[:k])) or self.spell_without_marks(" ".join(names[:k]))
                                                         for k in range(len(names), 0, -1)):
                return unit
        return None

    def _names_by(self, key: Callable[[str], str]) -> dict[str, set[str]]:
        """Every province's and district's name, indexed by ``key`` of its spelling."""
        out: dict[str, set[str]] = {}
        for spelled in [*self.provinces.values(), *(d.name for ds in self.districts.values() for d in ds)]:
            out.setdefault(key(spelled), set()).add(spelled)
        return out

    def is_province_city(self, name: str) -> bool:
        short = self.province(name)
        return bool(short) and self.province_kind.get(short) == "thành phố"


def split_unit(text: str) -> tuple[str, str]:
    """("Huyện Tuy Phước") → ("huyện", "Tuy Phước"); a name with no unit prefix → ("", name)."""
    t = text.strip()
    low = t.lower()
    for prefix in _UNIT_PREFIXES:
        if low.startswith(prefix + " "):
            return prefix, t[len(prefix) + 1 :].strip()
    m = re.match(r"(?i)^tp\.?\s*", t)
    if m:
        return "thành phố", t[m.end() :].strip()
    return "", t


@cache
def gazetteer() -> Gazetteer:
    import underthesea.address as address

    path = Path(address.__file__).parent / "data" / "mapping.json"
    with open(path, encoding="utf-8") as f:
        return Gazetteer(json.load(f))
