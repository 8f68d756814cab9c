-- Offending rows: a UN projection series missing a country of the region or a year of its span,
-- or a projection year without its median and 80% and 95% bounds (the chart draws them all).
with span as (
    select series_code, min(year) as first_year, max(year) as last_year
    from fct_projection
    group by series_code
),

expected as (
    select span.series_code, country.iso3, unnest(range(span.first_year, span.last_year + 1)) as year
    from span
    cross join dim_country as country
),

final as (
    select expected.series_code, expected.iso3, expected.year, 'no row' as problem
    from expected
    left join fct_projection as projection using (series_code, iso3, year)
    where projection.series_code is null
    union all
    select series_code, iso3, year, 'projection year without median or bounds'
    from fct_projection
    where estimate is null
        and (medium is null or lower_80 is null or upper_80 is null or lower_95 is null
            or upper_95 is null)
)

select * from final
