-- One row per country (ISO3) or town with the name every screen shows; key (kind, key).
-- The names as published stay in the source tables (dim_country_name, dim_office.*_as_published).
with final as (
    select kind, key, display_name, label, basis, on_map
    from stg_seeds__display_names
)

select * from final
