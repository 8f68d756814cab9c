-- One row per country and year where the current source of a headline concept and an earlier edition or other source both give a figure, largest difference first; key (iso3, year).
with figures as (
    select *
    from headline_value
    where scope_type = 'country'
        and concept = $concept
        and alt_value is not null
),

final as (
    select
        figures.scope_id as iso3,
        country.name as country,
        figures.year,
        figures.indicator_code,
        source.short_title as source_title,
        figures.value,
        figures.alt_indicator_code,
        alt_source.short_title as alt_source_title,
        figures.alt_value,
        figures.value - figures.alt_value as difference,
        (figures.value - figures.alt_value) / nullif(abs(figures.alt_value), 0) as relative
    from figures
    inner join dim_country as country on country.iso3 = figures.scope_id
    inner join dim_source as source on source.source_id = figures.source_id
    inner join dim_source as alt_source on alt_source.source_id = figures.alt_source_id
)

select * from final
order by abs(difference) desc, iso3, year
limit $limit
