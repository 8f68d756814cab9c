-- One row per glossary term whose term or definition contains the search text (empty = all), with its source; key term.
-- contains() rather than like: a % or _ typed by a user is matched literally.
with final as (
    select
        glossary.term,
        glossary.definition,
        element.title as related_element,
        source.cite_as as document,
        source.file as document_file,
        glossary.source_section
    from dim_glossary_term as glossary
    inner join dim_source as source using (source_id)
    left join dim_strategy_element as element on element.element_id = glossary.related_element_id
    where $search = ''
        or contains(lower(glossary.term), lower($search))
        or contains(lower(glossary.definition), lower($search))
    order by lower(glossary.term)
)

select * from final
