-- One row per indicator, selected country and year up to a year, for the notable-changes rule; key (indicator_code, iso3, year).
with final as (
    select
        value.indicator_code,
        value.iso3,
        country.name as country,
        value.year,
        value.value
    from fct_indicator_value as value
    inner join dim_country as country using (iso3)
    where list_contains($codes::varchar[], value.indicator_code)
        and list_contains($iso3::varchar[], value.iso3)
        and value.year <= $year_to
    order by value.indicator_code, value.iso3, value.year
)

select * from final
