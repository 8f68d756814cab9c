-- One row per selected country and year with a value of one indicator, in the selection's order; key (iso3, year).
with final as (
    select
        value.iso3,
        country.name as country,
        value.year,
        value.value
    from fct_indicator_value as value
    inner join dim_country as country using (iso3)
    where value.indicator_code = $code
        and list_contains($iso3::varchar[], value.iso3)
        and value.year between $year_from and $year_to
    order by list_position($iso3::varchar[], value.iso3), value.year
)

select * from final
