-- One row per UN projection series with its years; key series_code.
with catalog as (
    select * from stg_official__projection_catalog
),

years as (
    select
        series_code,
        max(year) filter (where variant = 'estimate') as last_estimate_year,
        min(year) filter (where variant = 'medium') as first_projection_year,
        max(year) as last_year
    from stg_official__projections
    group by series_code
),

final as (
    select catalog.*, years.last_estimate_year, years.first_projection_year, years.last_year
    from catalog
    inner join years using (series_code)
)

select * from final
