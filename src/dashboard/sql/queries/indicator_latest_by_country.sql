-- One row per country with a value of the indicator: its latest value up to the chosen year; key iso3.
with final as (
    select iso3, arg_max(value, year) as value, max(year) as year
    from fct_indicator_value
    where indicator_code = $code and year <= $year_to
    group by iso3
)

select * from final
