-- One row per total printed in a funding table; key (edition, table_name, total_axis, label).
with final as (
    select edition, table_name, total_axis, trim(label) as label, usd, source_id, source_section
    from raw_published_totals
)

select * from final
