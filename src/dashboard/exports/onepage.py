"""The one-page "country at a glance" (A4 portrait) for a manager's folder. Pure (reportlab).

Where the country stands out, its headline indicators with their years, the IOM offices, the
2016 funding line, the sources with full citations and the disclaimer, on one page of real text.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from dashboard import notes as publication
from dashboard.briefing import Briefing
from dashboard.content import country as profile
from dashboard.exports import layout, pdf
from dashboard.i18n import N_, _, d_, language
from dashboard.i18n.names import place_name
from dashboard.style import IOM_BLUE, MUTED, REGION_COLOUR

DISCLAIMER = N_(
    "The designations employed and the presentation of material in this summary do not imply the "
    "expression of any opinion whatsoever on the part of the International Organization for "
    "Migration (IOM) concerning the legal status of any country, territory, city or area, or of "
    "its authorities, or concerning its frontiers or boundaries. Figures are quoted as published "
    "by their sources; see the SEEECA Migration Outlook for the data-quality notes."
)
MARGIN_CM = 1.5


def _styles() -> dict[str, ParagraphStyle]:
    pdf.register_fonts()
    base = ParagraphStyle("body", fontName=pdf.FONT, fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle(
            "title", base, fontName=pdf.FONT_BOLD, fontSize=20, leading=24, textColor=REGION_COLOUR
        ),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=10.5, textColor=IOM_BLUE),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontName=pdf.FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=7,
            spaceAfter=3,
            textColor=REGION_COLOUR,
        ),
        "body": base,
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10.5),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=9.5, textColor=MUTED),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def content(briefing: Briefing) -> list:
    """The flowables of the page (country briefings only)."""
    data = briefing.data
    country = data.profile_row
    name = place_name(str(country["name"]))
    styles = _styles()
    story: list = [
        _p(title(briefing), styles["title"]),
        _p(
            _(
                "{subregion} · capital {capital} · IOM South-Eastern Europe, Eastern Europe and "
                "Central Asia (Regional Office Vienna) · prepared {date}"
            ).format(
                subregion=d_(country["subregion"]),
                capital=place_name(country["capital"]),
                date=briefing.generated,
            ),
            styles["subtitle"],
        ),
        Spacer(1, 0.2 * cm),
    ]
    if data.standouts:
        story.append(
            _p(_("Where {name} stands out in the region").format(name=name), styles["heading"])
        )
        for standing in data.standouts:
            change = standing.change()
            reason = standing.reason(name)
            line = (
                _("{reason}; {change}.").format(reason=reason, change=change)
                if change
                else _("{reason}.").format(reason=reason)
            )
            story.append(_p("• " + line, styles["body"]))
    story.append(_p(_("Headline indicators"), styles["heading"]))
    headers = (_("Indicator"), _("Latest"), _("Year"), _("Source"))
    rows = [[_p(h, styles["cell"]) for h in headers]]
    for card in data.indicator_cards:
        item = card.headline
        rows.append(
            [
                _p(d_(item.name), styles["cell"]),
                _p(card.display, styles["cell"]),
                _p(str(item.year) if item.year else "–", styles["cell"]),
                # the short title here; the full citation is under Sources
                _p(data.definition[item.code]["short_title"], styles["cell"]),
            ]
        )
    table = Table(rows, colWidths=[7.2 * cm, 2.6 * cm, 1.3 * cm, 6.9 * cm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(layout.LIGHT_FILL)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#D5DCE6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story.append(table)
    offices = data.offices
    # A stand-in position (an office published without a town) names no city.
    stand_in = offices.get("position_is_stand_in", pd.Series(False, index=offices.index))
    own = [
        d_(office) if standing_in else f"{d_(office)} ({place_name(city)})"
        for office, city, kind, standing_in in zip(
            offices["name"].tolist(),
            offices["city"].tolist(),
            offices["office_type"].tolist(),
            stand_in.astype(bool).tolist(),
            strict=True,
        )
        if kind != "regional"
    ]
    story.append(_p(_("IOM offices (as of May 2020)"), styles["heading"]))
    story.append(
        _p(
            "; ".join(own) + "."
            if own
            else _("No IOM office in {name}; the Regional Office in Vienna covers it.").format(
                name=name
            ),
            styles["body"],
        )
    )
    story.append(_p(data.office_source, styles["small"]))
    corridors = [s for s in briefing.screens if s.key == "corridors"]
    if corridors:
        chart = corridors[0].chart
        story.append(_p(_("Where emigrants live"), styles["heading"]))
        top = "; ".join(
            f"{place} {label}"
            for place, label in zip(chart.categories[:5], chart.labels[:5], strict=True)
        )
        story.append(
            _p(
                _("{title}. Largest destinations: {destinations}.").format(
                    title=corridors[0].title, destinations=top
                ),
                styles["body"],
            )
        )
        story.append(_p("; ".join(corridors[0].sources), styles["small"]))
    rank = data.funding_rank
    story.append(_p(_("Funding requirement 2016"), styles["heading"]))
    story.append(_p(rank.sentence, styles["body"]))
    story.append(_p(rank.source, styles["small"]))
    story.append(_p(_("Sources"), styles["heading"]))
    sources = tuple(
        dict.fromkeys(
            [
                data.office_source,
                rank.source,
                *(
                    profile.dataset_source(data.definition[c.headline.code])
                    for c in data.indicator_cards
                ),
            ]
        )
    )
    citations = data.full_citations(sources) or list(sources)
    for citation in citations:
        story.append(_p("• " + citation, styles["small"]))
    story.append(Spacer(1, 0.25 * cm))
    story.append(_p(_(DISCLAIMER), styles["small"]))
    shown = [str(p.text) for p in story if isinstance(p, Paragraph)]
    for footnote in publication.footnotes_for(shown, iso3=briefing.scope.iso3):
        story.append(_p(footnote, styles["small"]))
    return story


def title(briefing: Briefing) -> str:
    return _("{name}: country at a glance").format(
        name=place_name(briefing.data.profile_row["name"])
    )


def pdf_bytes(briefing: Briefing) -> bytes:
    """The country's one-page summary as an A4 portrait PDF (shrunk to fit one page)."""
    if not briefing.scope.country:
        raise ValueError("The one-page summary is for one country; choose a country.")
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_CM * cm,
        rightMargin=MARGIN_CM * cm,
        topMargin=MARGIN_CM * cm,
        bottomMargin=MARGIN_CM * cm,
        title=title(briefing),
        author=_(layout.AUTHOR),
        subject=briefing.subtitle,
        creator=_(layout.AUTHOR),
        lang=language(),
    )
    frame_width = A4[0] - 2 * MARGIN_CM * cm
    frame_height = A4[1] - 2 * MARGIN_CM * cm
    document.build([KeepInFrame(frame_width, frame_height, content(briefing), mode="shrink")])
    return out.getvalue()
