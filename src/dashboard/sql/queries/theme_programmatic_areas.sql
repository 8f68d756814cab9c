-- One row per programmatic funding area under the chosen pillar, priority or thematic area (all areas when none); key programmatic_area.
-- Areas hang under thematic areas (primary 'funded_under' link), thematic areas under priorities ('continues'), priorities under pillars.
with links as (
    select from_element_id, to_id, relation from bridge_crosswalk
    union all
    select to_id, from_element_id, relation from bridge_crosswalk
),

area_to_thematic as (
    select distinct from_element_id as programmatic_area, to_id as thematic_area
    from links
    where relation = 'funded_under' and to_id like 's2015.ta%'
        and from_element_id in (select programmatic_area from dim_programmatic_area)
),

thematic_to_priority as (
    select distinct from_element_id as thematic_area, to_id as priority
    from links
    where relation = 'continues' and from_element_id like 's2015.ta%' and to_id like 's2020.sp%'
),

lineage as (
    select
        area_to_thematic.programmatic_area,
        area_to_thematic.thematic_area,
        thematic_to_priority.priority,
        priority.parent_id as pillar
    from area_to_thematic
    left join thematic_to_priority using (thematic_area)
    left join dim_strategy_element as priority on priority.element_id = thematic_to_priority.priority
),

final as (
    select area.programmatic_area, area.name_as_published
    from dim_programmatic_area as area
    where area.programmatic_area <> 'multiregional'
        and (
            $theme::varchar is null
            or area.programmatic_area in (
                select programmatic_area from lineage
                where $theme in (thematic_area, priority, pillar)
            )
        )
    order by area.sort_order
)

select * from final
