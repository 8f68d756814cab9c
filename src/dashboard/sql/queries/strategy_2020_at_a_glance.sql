-- One row per 2020-2024 strategic priority with its pillar; key priority_id.
with final as (
    select
        pillar.element_id as pillar_id,
        pillar.title as pillar,
        priority.element_id as priority_id,
        priority.code as priority_code,
        priority.title as priority,
        priority.description,
        priority.source_section,
        source.cite_as as document
    from dim_strategy_element as priority
    inner join dim_strategy_element as pillar on pillar.element_id = priority.parent_id
    inner join dim_source as source on source.source_id = priority.source_id
    where priority.element_type = 'strategic_priority'
    order by pillar.sort_order, priority.sort_order
)

select * from final
