-- One row per origin, destination and year of the UN DESA 2024 corridors; key (origin_iso3, destination_iso3, year).
with final as (
    select origin_iso3, destination_iso3, year, migrants, source_id
    from raw_migrant_corridors
)

select * from final
