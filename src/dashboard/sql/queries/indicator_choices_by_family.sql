-- One row per indicator code with its family, source and coverage, grouped by family; key indicator_code.
-- is_family_default marks the code a page opens with: the most recent data among codes with more
-- than one year (a single-year code cannot show change), then the source the headline rule
-- prefers (dim_headline_candidate, so a page opens on the series whose figure the overview, the
-- profile and the deck state), then the most countries, then the shortest code (the headline
-- series before breakdowns such as by sex or by origin).
with families as (
    select *
    from (
        values
            ('migrant_stock', 'International migrant stock', 1),
            ('migrant_share', 'Migrants as a share of the population', 2),
            ('female_share', 'Female share of migrants', 3),
            ('emigrants', 'Emigrants living abroad', 4),
            ('remittances_usd', 'Remittance inflows (US$)', 5),
            ('remittances_gdp', 'Remittance inflows (% of GDP)', 6),
            ('net_migration', 'Net migration', 7),
            ('refugees_hosted', 'Refugees hosted', 8),
            ('refugees_originating', 'Refugees originating from the country', 9),
            ('asylum_seekers', 'Asylum seekers', 10),
            ('idps', 'Internally displaced persons (IDPs)', 11),
            ('population', 'Population', 12),
            ('other_protection', 'Other people in need of international protection', 13),
            ('gdp', 'GDP (current US$)', 14)
    ) as family_list (family, family_label, family_order)
),

indicators as (
    select
        indicator.*,
        coalesce(families.family_label, indicator.family) as family_label,
        coalesce(families.family_order, 99) as family_order,
        source.publisher,
        source.shown_title as source_title,
        source.edition,
        source.vintage,
        source.licence,
        source.cite_as
    from dim_indicator as indicator
    inner join dim_source as source using (source_id)
    left join families using (family)
),

headline_preference as (
    select indicator_code, min(preference) as preference
    from dim_headline_candidate
    group by indicator_code
),

ranked as (
    select
        *,
        row_number() over (
            partition by family
            order by
                (last_year > first_year) desc,
                last_year desc,
                coalesce(headline_preference.preference, 99),
                country_count desc,
                length(indicator_code),
                indicator_code
        ) as rank_in_family
    from indicators
    left join headline_preference using (indicator_code)
),

final as (
    select
        indicator_code,
        family,
        family_label,
        family_order,
        name,
        unit,
        aggregation,
        weight_indicator_code,
        description,
        caveat,
        first_year,
        last_year,
        country_count,
        publisher,
        source_title,
        edition,
        vintage,
        licence,
        cite_as,
        rank_in_family = 1 as is_family_default
    from ranked
    order by family_order, family, rank_in_family
)

select * from final
