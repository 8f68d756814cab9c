-- One row per cell of a per-region table (country or programme x programmatic area); key (edition, region, country_or_programme, programmatic_area).
-- Printed totals are not here (see published_total), so sums over this table are sums of cells.
with cells as (
    select * from stg_seeds__funding_requirements
),

final as (
    select
        edition,
        region,
        country_or_programme,
        iso3,
        programmatic_area,
        usd,
        region = 'seeeca' as in_seeeca_region,
        source_id,
        source_section
    from cells
)

select * from final
