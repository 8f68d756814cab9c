-- One row per selected country: its value of one indicator in the chosen year (NULL when it has
-- none) and how many years of the chosen range it covers, so missing countries can be named; key iso3.
with selected as (
    select iso3, list_position($iso3::varchar[], iso3) as country_order
    from unnest($iso3::varchar[]) as selection (iso3)
),

in_range as (
    select iso3, year, value
    from fct_indicator_value
    where indicator_code = $code
        and list_contains($iso3::varchar[], iso3)
        and year between $year_from and $year_to
),

coverage as (
    select
        iso3,
        count(*) as years_with_data,
        min(year) as first_year,
        max(year) as last_year,
        max(value) filter (where year = $year) as value
    from in_range
    group by iso3
),

final as (
    select
        selected.iso3,
        country.name as country,
        $year::integer as year,
        coverage.value,
        case when coverage.value is not null
            then rank() over (order by coverage.value desc nulls last)
        end as rank,
        coalesce(coverage.years_with_data, 0) as years_with_data,
        coverage.first_year,
        coverage.last_year
    from selected
    inner join dim_country as country using (iso3)
    left join coverage using (iso3)
    order by selected.country_order
)

select * from final
