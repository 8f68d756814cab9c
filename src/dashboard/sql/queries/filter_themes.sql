-- One row per pillar, strategic priority (2020-2024) and thematic area (2015-2020) in hierarchy order; key element_id.
-- Thematic areas sit under the priority that continues them (the crosswalk's primary link, see theme_lineage).
with elements as (
    select * from dim_strategy_element
),

pillars as (
    select element_id, title, 1 as level, sort_order as pillar_order, 0 as priority_order,
        0 as area_order, element_id as pillar_id
    from elements
    where element_type = 'pillar'
),

priorities as (
    select priority.element_id, priority.title, 2 as level, pillar.sort_order, priority.sort_order,
        0, pillar.element_id
    from elements as priority
    inner join elements as pillar on pillar.element_id = priority.parent_id
    where priority.element_type = 'strategic_priority'
),

areas as (
    select area.element_id, area.title, 3 as level, pillar.sort_order, priority.sort_order,
        area.sort_order, pillar.element_id
    from elements as area
    inner join theme_lineage as lineage on lineage.element_id = area.element_id and lineage.levels_up = 1
    inner join elements as priority on priority.element_id = lineage.ancestor_id
    inner join elements as pillar on pillar.element_id = priority.parent_id
    where area.element_type = 'thematic_area'
),

final as (
    select element_id, title, level, pillar_id
    from (select * from pillars union all select * from priorities union all select * from areas)
    order by pillar_order, priority_order, area_order
)

select * from final
