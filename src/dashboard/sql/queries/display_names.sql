-- One row per country (ISO3) or town of the names table; key (kind, key).
with final as (
    select kind, key, display_name, label, basis, on_map, display_name_ru, label_ru, basis_ru
    from dim_display_name
    order by kind, display_name
)

select * from final
