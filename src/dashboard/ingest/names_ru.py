"""Write display_names_ru.csv: the Russian of every name in display_names.csv.

Run: `PYTHONPATH=src .venv/bin/python -m dashboard.ingest.names_ru`

Countries come from pycountry's ISO 3166-1 catalogue in Russian (the translation of each code's
ISO name), except where the UN's Russian short name differs or ISO 3166 has no entry: those,
and the towns (not in ISO 3166), are kept by hand in names_ru.csv, each with its reason. A
correction records what the catalogue said when it was made; if pycountry now says something
else, the run stops and names the row, so the correction is looked at again rather than kept
blindly. A name of display_names.csv with no Russian stops the run as well.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import importlib.metadata
import sys
from pathlib import Path

import pycountry

from dashboard import config

HEADER = ["kind", "key", "display_name_ru", "label_ru", "basis_ru"]


class NamesError(ValueError):
    """A Russian name that cannot be made; the message names the file and row."""


def iso3166_russian(iso3: str) -> str | None:
    """pycountry's Russian for a code's ISO 3166-1 name (the official-short form the UN also
    uses: "Республика Молдова", never the colloquial "Молдавия"), or None if not in ISO 3166."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return None
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    return catalogue.gettext(country.name)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def russian_names(sources_dir: Path = config.SOURCES_DIR) -> list[dict[str, str]]:
    """One row per row of display_names.csv with its Russian display name, label and basis."""
    version = importlib.metadata.version("pycountry")
    kept = {(row["kind"], row["key"]): row for row in _read(sources_dir / "names_ru.csv")}
    rows = []
    for name in _read(sources_dir / "display_names.csv"):
        key = (name["kind"], name["key"])
        from_iso = iso3166_russian(name["key"]) if name["kind"] == "country" else None
        correction = kept.pop(key, None)
        if correction is not None:
            said = correction["iso3166_ru"] or None
            if said != from_iso:
                raise NamesError(
                    f"names_ru.csv, {key[0]} {key[1]}: the correction was made when ISO 3166's "
                    f"Russian was {said!r}, pycountry {version} now says {from_iso!r}; check "
                    "the UN's Russian short name and update the row"
                )
            display, label, basis = (
                correction["display_name_ru"],
                correction["label_ru"],
                correction["reason"],
            )
        elif from_iso is not None:
            display = label = from_iso
            basis = f"ISO 3166-1 in Russian (pycountry {version}), the UN's Russian short name."
        else:
            raise NamesError(
                f"display_names.csv, {key[0]} {key[1]}: no Russian name (not in ISO 3166); "
                "add it to names_ru.csv with its reason"
            )
        rows.append(
            {
                "kind": key[0],
                "key": key[1],
                "display_name_ru": display,
                "label_ru": label,
                "basis_ru": basis,
            }
        )
    if kept:
        raise NamesError(f"names_ru.csv: rows for names not in display_names.csv: {sorted(kept)}")
    return rows


def write(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.ingest.names_ru")
    parser.add_argument("--sources", type=Path, default=config.SOURCES_DIR)
    args = parser.parse_args(argv)
    try:
        rows = russian_names(args.sources)
    except NamesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    write(rows, args.sources / "display_names_ru.csv")
    print(f"Wrote {len(rows)} Russian names to {args.sources / 'display_names_ru.csv'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
