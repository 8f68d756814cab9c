-- One row per indicator code with its coverage; key indicator_code.
with catalog as (
    select * from stg_official__indicator_catalog
),

coverage as (
    select
        indicator_code,
        min(year) as first_year,
        max(year) as last_year,
        count(distinct iso3) as country_count
    from stg_official__indicator_values
    group by indicator_code
),

final as (
    select
        catalog.*,
        coverage.first_year,
        coverage.last_year,
        coalesce(coverage.country_count, 0) as country_count
    from catalog
    left join coverage using (indicator_code)
)

select * from final
