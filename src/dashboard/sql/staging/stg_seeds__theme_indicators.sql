-- One row per thematic element and indicator family that speaks to it; key (element_id, indicator_family).
with final as (
    select
        element_id,
        nullif(trim(indicator_family), '') as indicator_family,
        rank as family_rank,
        basis,
        reason,
        nullif(trim(source_id), '') as source_id,
        nullif(trim(source_section), '') as source_section
    from raw_theme_indicators
)

select * from final
