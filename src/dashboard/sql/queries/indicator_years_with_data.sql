-- One row per year in the chosen range in which at least one selected country has a value of the indicator; key year.
with final as (
    select distinct year
    from fct_indicator_value
    where indicator_code = $code
        and list_contains($iso3::varchar[], iso3)
        and year between $year_from and $year_to
    order by year
)

select * from final
