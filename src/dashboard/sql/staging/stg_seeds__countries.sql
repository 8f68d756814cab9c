-- One row per country or territory of the region; key iso3.
with final as (
    select
        iso3,
        trim(name) as name,
        trim(subregion) as subregion,
        subregion_basis,
        trim(capital) as capital,
        source_id,
        source_section
    from raw_countries
)

select * from final
