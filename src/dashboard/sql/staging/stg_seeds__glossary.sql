-- One row per glossary term; key term.
with final as (
    select trim(term) as term, definition, related_element_id, source_id, source_section
    from raw_glossary
)

select * from final
