-- One row per UN projection series, country and year, its variants and bounds side by side; key (series_code, iso3, year).
-- An estimate year has only `estimate`; a projection year has `medium` and its 80% and 95% bounds
-- (and, for population, the low and high variants).
with values as (
    select * from stg_official__projections
),

final as (
    select
        series_code,
        iso3,
        year,
        max(value) filter (where variant = 'estimate') as estimate,
        max(value) filter (where variant = 'medium') as medium,
        max(value) filter (where variant = 'low') as low,
        max(value) filter (where variant = 'high') as high,
        max(value) filter (where variant = 'lower_80') as lower_80,
        max(value) filter (where variant = 'upper_80') as upper_80,
        max(value) filter (where variant = 'lower_95') as lower_95,
        max(value) filter (where variant = 'upper_95') as upper_95,
        any_value(source_id) as source_id
    from values
    group by series_code, iso3, year
)

select * from final
order by series_code, iso3, year
