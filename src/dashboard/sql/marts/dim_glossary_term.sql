-- One row per glossary term; key term.
with final as (
    select term, definition, related_element_id, source_id, source_section
    from stg_seeds__glossary
)

select * from final
