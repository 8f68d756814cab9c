-- One row per series break caused by another country's break, with the cause's figure in the year before and the year of the break; key (indicator_code, iso3, year).
with cause_value as (
    select indicator_code, iso3, year, value
    from fct_indicator_value
),

final as (
    select
        moved.indicator_code,
        moved.iso3,
        moved.year,
        moved.cause_indicator_code,
        moved.cause_iso3,
        before.value as cause_value_before,
        after.value as cause_value_after
    from dim_series_break as moved
    left join cause_value as before
        on before.indicator_code = moved.cause_indicator_code
        and before.iso3 = moved.cause_iso3
        and before.year = moved.year - 1
    left join cause_value as after
        on after.indicator_code = moved.cause_indicator_code
        and after.iso3 = moved.cause_iso3
        and after.year = moved.year
    where moved.cause_indicator_code is not null
    order by moved.cause_iso3, moved.cause_indicator_code, moved.year, moved.iso3
)

select * from final
