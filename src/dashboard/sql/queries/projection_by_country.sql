-- One row per selected country and year of one UN projection series between two years, in the selection's order; key (iso3, year).
-- `value` is the estimate in an estimate year and the median (medium variant) in a projection year.
with final as (
    select
        projection.iso3,
        country.name as country,
        projection.year,
        coalesce(projection.medium, projection.estimate) as value,
        projection.estimate is not null as is_estimate,
        projection.lower_95,
        projection.lower_80,
        projection.upper_80,
        projection.upper_95,
        projection.low,
        projection.high
    from fct_projection as projection
    inner join dim_country as country using (iso3)
    where projection.series_code = $code
        and list_contains($iso3::varchar[], projection.iso3)
        and projection.year between $year_from and $year_to
    order by list_position($iso3::varchar[], projection.iso3), projection.year
)

select * from final
