-- One row per indicator, country and year of the given indicators and countries, with the indicator's name; key (indicator_code, iso3, year).
with final as (
    select
        value.indicator_code,
        indicator.name as indicator_name,
        value.iso3,
        country.name as country,
        value.year,
        value.value
    from fct_indicator_value as value
    inner join dim_indicator as indicator using (indicator_code)
    inner join dim_country as country using (iso3)
    where list_contains($codes::varchar[], value.indicator_code)
        and list_contains($iso3::varchar[], value.iso3)
)

select * from final
order by iso3, indicator_code, year
