-- One row per UN projection series of the extract; key series_code.
with final as (
    select series_code, family, name, label, unit, reference, source_id, description, caveat
    from raw_projection_catalog
)

select * from final
