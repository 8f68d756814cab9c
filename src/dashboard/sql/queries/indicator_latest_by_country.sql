-- One row per country with a value of the indicator: its latest value up to the chosen year; key iso3.
with latest as (
    select iso3, arg_max(value, year) as value, max(year) as year
    from fct_indicator_value
    where indicator_code = $code and year <= $year_to
    group by iso3
),

final as (
    select latest.iso3, country.name, latest.value, latest.year
    from latest
    inner join dim_country as country using (iso3)
    order by latest.value desc
)

select * from final
