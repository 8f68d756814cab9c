-- One row per selected country and year in the range for one indicator, with its value or null; key (iso3, year).
-- Years are limited to those the indicator has anywhere, so the grid shows gaps, not the
-- decades before a dataset starts. Countries keep the order they are given in.
with indicator as (
    select first_year, last_year from dim_indicator where indicator_code = $code
),

years as (
    select unnest(generate_series(
        greatest(indicator.first_year, $year_from), least(indicator.last_year, $year_to)
    )) as year
    from indicator
),

countries as (
    select iso3, name, list_position($iso3::varchar[], iso3) as position
    from dim_country
    where list_contains($iso3::varchar[], iso3)
),

values_in_range as (
    select iso3, year, value
    from fct_indicator_value
    where indicator_code = $code
),

final as (
    select countries.iso3, countries.name as country, years.year, values_in_range.value
    from countries
    cross join years
    left join values_in_range using (iso3, year)
    order by countries.position, years.year
)

select * from final
