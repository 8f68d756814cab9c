-- One row per thematic element and indicator family that speaks to it, with the reason and its citation; key (element_id, indicator_family).
with links as (
    select * from bridge_theme_indicator
),

framework_order as (
    select *
    from (
        values
            ('strategy_2020_2024', 'Regional Strategy 2020-2024', 1),
            ('strategy_2015_2020', 'Strategy 2015-2020', 2),
            ('migof', 'Migration Governance Framework (MiGOF)', 3),
            ('programmatic_area', 'Migration Initiatives 2016 programmatic area', 4)
    ) as frameworks (framework, framework_label, framework_sort)
),

elements as (
    select element_id, framework, sort_order from dim_strategy_element
    union all
    select programmatic_area, 'programmatic_area', sort_order from dim_programmatic_area
),

final as (
    select
        links.element_id,
        framework_order.framework_label as framework,
        links.element_title,
        links.indicator_family,
        links.family_rank,
        case links.basis
            when 'document' then 'Stated in a document'
            when 'outlook_statement' then 'Outlook statement tested with it'
            when 'crosswalk' then 'Inherited through the crosswalk'
            else 'Dashboard judgement'
        end as basis,
        links.reason,
        case
            when source.source_id is not null
                then source.short_title || ', ' || links.source_section
        end as cited_in
    from links
    inner join elements using (element_id)
    inner join framework_order using (framework)
    left join dim_source as source on source.source_id = links.source_id
    order by framework_order.framework_sort, elements.sort_order, links.element_id,
        links.family_rank nulls last
)

select * from final
