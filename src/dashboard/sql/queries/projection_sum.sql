-- One row per year: the sum of the selected countries' UN projection (estimate, then median) between two years; key year.
-- No bounds: the bounds of a sum are not the sum of the countries' bounds.
with final as (
    select
        year,
        sum(coalesce(medium, estimate)) as value,
        bool_and(estimate is not null) as is_estimate,
        count(*) as countries
    from fct_projection
    where series_code = $code
        and list_contains($iso3::varchar[], iso3)
        and year between $year_from and $year_to
    group by year
    order by year
)

select * from final
