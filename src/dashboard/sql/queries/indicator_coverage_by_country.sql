-- One row per selected country: how many years of one indicator it has in the range, first, last and latest value; key iso3.
with countries as (
    select iso3, name, list_position($iso3::varchar[], iso3) as position
    from dim_country
    where list_contains($iso3::varchar[], iso3)
),

values_in_range as (
    select iso3, year, value
    from fct_indicator_value
    where indicator_code = $code and year between $year_from and $year_to
),

per_country as (
    select
        iso3,
        count(*) as years_with_data,
        min(year) as first_year,
        max(year) as last_year,
        arg_max(value, year) as latest_value
    from values_in_range
    group by iso3
),

final as (
    select
        countries.name as country,
        countries.iso3,
        coalesce(per_country.years_with_data, 0) as years_with_data,
        per_country.first_year,
        per_country.last_year,
        per_country.latest_value
    from countries
    left join per_country using (iso3)
    order by countries.position
)

select * from final
