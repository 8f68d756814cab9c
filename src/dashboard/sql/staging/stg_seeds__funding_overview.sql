-- One row per cell of the overview funding table; key (edition, region, programmatic_area).
with final as (
    select edition, region, programmatic_area, usd, source_id, source_section
    from raw_funding_overview
)

select * from final
