"""The dashboard's own words in data/sources (titles, labels, reasons) use current UN names;
what they quote stays as published, with the published name kept in the source tables."""

from __future__ import annotations

import csv
import re

import pytest

from dashboard import config

# (file, column): the dashboard's own words, as opposed to quotations and published names.
OWN_WORDS = [
    ("outlook_statements.csv", "short_title"),
    ("outlook_indicator_links.csv", "rationale"),
    ("key_figures.csv", "label"),
    ("theme_indicators.csv", "reason"),
    ("published_issues.csv", "subject"),
]
QUOTATIONS = [("outlook_statements.csv", "statement"), ("key_figures.csv", "quote")]
# Former names and the UN's current ones (a quotation inside our words is in double quotes).
RENAMED = {"Turkey": "Türkiye", "Nur-Sultan": "Astana", "Nur Sultan": "Astana"}
# An identifier where words belong: s2015.to1, o2015_09, gs.07, southern_africa, migof.o2.
CODE = re.compile(r"\b[a-z]+\d*[._][a-z0-9]{2,}")


def column(name: str, field: str) -> list[str]:
    with (config.SOURCES_DIR / name).open(encoding="utf-8") as rows:
        return [row[field] for row in csv.DictReader(rows) if row[field]]


def unquoted(text: str) -> str:
    return re.sub(r'"[^"]*"', "", text)


@pytest.mark.parametrize(("name", "field"), OWN_WORDS)
def test_the_dashboards_own_words_use_current_un_names(name, field):
    texts = column(name, field)
    assert texts
    former = [
        text
        for text in texts
        for old in RENAMED
        if re.search(rf"\b{re.escape(old)}\b", unquoted(text))
    ]
    assert not former


@pytest.mark.parametrize(("name", "field"), OWN_WORDS)
def test_the_dashboards_own_words_name_things_not_codes(name, field):
    """What a finding checked, a figure's label, a title: shown as written, so never an id."""
    assert not [text for text in column(name, field) if CODE.search(text)]


def test_quotations_keep_the_published_names():
    quoted = [text for name, field in QUOTATIONS for text in column(name, field)]
    assert any("Turkey" in text for text in quoted)
    assert any("Türkiye" in text for name, field in OWN_WORDS for text in column(name, field))
