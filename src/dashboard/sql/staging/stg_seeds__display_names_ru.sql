-- One row per country (ISO3) or town of the names table, with its Russian names; key (kind, key).
with final as (
    select
        kind,
        trim(key) as key,
        trim(display_name_ru) as display_name_ru,
        trim(label_ru) as label_ru,
        basis_ru
    from raw_display_names_ru
)

select * from final
