-- One row per numeric fact stated in a document; key figure_id.
with final as (
    select figure_id, topic, label, value, unit, year, scope, iso3, quote, source_id, source_section
    from raw_key_figures
)

select * from final
