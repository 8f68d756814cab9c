-- One row per programmatic funding area under the chosen pillar, priority or thematic area (all areas when none); key programmatic_area.
-- Areas hang under thematic areas (primary 'funded_under' link), thematic areas under priorities and pillars (theme_lineage).
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

final as (
    select area.programmatic_area, area.name_as_published
    from dim_programmatic_area as area
    where area.programmatic_area <> 'multiregional'
        and (
            $theme::varchar is null
            or area.programmatic_area in (
                select area_to_thematic.programmatic_area
                from area_to_thematic
                inner join theme_lineage as lineage on lineage.element_id = area_to_thematic.thematic_area
                where lineage.ancestor_id = $theme
            )
        )
    order by area.sort_order
)

select * from final
