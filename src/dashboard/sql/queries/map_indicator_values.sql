-- One row per country or territory with a value of the map indicator in exactly the chosen year; key iso3.
with final as (
    select iso3, value, year
    from fct_indicator_value
    where indicator_code = $code and year = $year
)

select * from final
