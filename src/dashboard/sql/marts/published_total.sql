-- One row per total printed in a funding table; key (edition, table_name, total_axis, label).
with final as (
    select edition, table_name, total_axis, label, usd, source_id, source_section
    from stg_seeds__published_totals
)

select * from final
