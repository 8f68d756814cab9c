-- One row per origin, destination and year: international migrants, both sexes (UN DESA 2024); key (origin_iso3, destination_iso3, year).
with final as (
    select origin_iso3, destination_iso3, year, migrants, source_id
    from stg_official__migrant_corridors
)

select * from final
order by year, origin_iso3, destination_iso3
