-- One row per cell of a per-region funding table; key (edition, region, country_or_programme, programmatic_area).
with final as (
    select
        edition,
        region,
        trim(country_or_programme) as country_or_programme,
        iso3,
        programmatic_area,
        usd,
        source_id,
        source_section
    from raw_funding_requirements
)

select * from final
