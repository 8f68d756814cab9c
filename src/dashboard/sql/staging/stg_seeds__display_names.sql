-- One row per country (ISO3) or town with the name screens show; key (kind, key).
with final as (
    select kind, trim(key) as key, trim(display_name) as display_name, trim(label) as label, basis, on_map
    from raw_display_names
)

select * from final
