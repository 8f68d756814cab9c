-- One row per strategy element and each theme it falls under, itself included; key (element_id, ancestor_id).
-- The theme filter's hierarchy: a 2020-2024 priority falls under its pillar; a 2015-2020 thematic
-- area under the priority that 'continues' it (the crosswalk's primary link, read in either
-- direction) and that priority's pillar. levels_up is 0 for the element itself.
with elements as (
    select * from dim_strategy_element
),

area_to_priority as (
    select from_element_id as area_id, to_id as priority_id
    from bridge_crosswalk
    where relation = 'continues' and from_element_id like 's2015.ta%' and to_id like 's2020.sp%'
    union
    select to_id, from_element_id
    from bridge_crosswalk
    where relation = 'continues' and to_id like 's2015.ta%' and from_element_id like 's2020.sp%'
),

lineage as (
    select element_id, element_id as ancestor_id, 0 as levels_up from elements
    union all
    select element_id, parent_id, 1 from elements where element_type = 'strategic_priority'
    union all
    select area_id, priority_id, 1 from area_to_priority
    union all
    select area_to_priority.area_id, priority.parent_id, 2
    from area_to_priority
    inner join elements as priority on priority.element_id = area_to_priority.priority_id
),

final as (
    select distinct element_id, ancestor_id, levels_up
    from lineage
    where ancestor_id is not null
    order by element_id, levels_up, ancestor_id
)

select * from final
