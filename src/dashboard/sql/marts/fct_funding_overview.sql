-- One row per cell of the overview table (region x programmatic area); key (edition, region, programmatic_area).
-- A null usd is a published "-": no requirement stated, which is not the same as zero.
with final as (
    select edition, region, programmatic_area, usd, source_id, source_section
    from stg_seeds__funding_overview
)

select * from final
