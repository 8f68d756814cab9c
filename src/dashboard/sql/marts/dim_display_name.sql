-- One row per country (ISO3) or town with its display name in English and Russian; key (kind, key).
-- The name every screen shows; the names as published stay in the source tables (dim_country_name,
-- dim_office.*_as_published).
with names as (
    select * from stg_seeds__display_names
),

russian as (
    select * from stg_seeds__display_names_ru
),

final as (
    select
        names.kind,
        names.key,
        names.display_name,
        names.label,
        names.basis,
        names.on_map,
        russian.display_name_ru,
        russian.label_ru,
        russian.basis_ru
    from names
    left join russian using (kind, key)
)

select * from final
