-- One row per link between framework elements or to a programmatic area; key (from_element_id, to_id).
with final as (
    select
        from_element_id, to_id, to_kind, relation, basis, justification, source_id, source_section
    from raw_crosswalk
)

select * from final
