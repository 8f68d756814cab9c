-- One row per country or territory of the region: its 2016 requirement in the SEEECA table (sum of its cells) and rank; key iso3.
-- Empty cells ("-") are no requirement and stay out of the sum; a country with no row in the table keeps a NULL total and no rank.
with cells as (
    select * from fct_funding_requirement where region = 'seeeca' and iso3 is not null
),

per_country as (
    select
        iso3,
        any_value(country_or_programme) as name_as_published,
        sum(usd) as usd,
        count(usd) as areas_with_requirement,
        count(*) as areas_in_table,
        any_value(source_id) as source_id,
        any_value(source_section) as source_section
    from cells
    group by iso3
),

printed as (
    select label, usd as printed_row_total
    from published_total
    where edition = 2016 and table_name = 'seeeca' and total_axis = 'row'
),

ranked as (
    select
        *,
        rank() over (order by usd desc nulls last) as rank,
        count(usd) over () as countries_ranked
    from per_country
),

final as (
    select
        country.iso3,
        country.name,
        ranked.name_as_published,
        ranked.usd,
        ranked.areas_with_requirement,
        ranked.areas_in_table,
        ranked.rank,
        ranked.countries_ranked,
        printed.printed_row_total,
        ranked.iso3 is not null as in_table,
        ranked.source_section,
        source.cite_as as document,
        source.file
    from dim_country as country
    left join ranked using (iso3)
    left join dim_source as source on source.source_id = ranked.source_id
    left join printed on printed.label = ranked.name_as_published
    order by ranked.rank nulls last, country.name
)

select * from final
