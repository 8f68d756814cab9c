-- One row per global initiative of Migration Initiatives 2016 whose MiGOF element the crosswalk links to one of the given funding areas; key initiative_id.
-- Initiatives are global items of the MiGOF chapters, not SEEECA or country projects: their only link to a funding area is the crosswalk's area <-> MiGOF element row.
with area_links as (
    select from_element_id as programmatic_area, to_id as migof_element_id, relation, basis
    from bridge_crosswalk
    where from_kind = 'programmatic_area' and to_kind = 'strategy_element'
    union all
    select to_id, from_element_id, relation, basis
    from bridge_crosswalk
    where to_kind = 'programmatic_area' and from_kind = 'strategy_element'
),

migof_links as (
    select area_links.*
    from area_links
    inner join dim_strategy_element as element on element.element_id = area_links.migof_element_id
    where element.framework = 'migof' and list_contains($areas::varchar[], area_links.programmatic_area)
),

linked as (
    select
        initiative.initiative_id,
        initiative.title,
        initiative.usd,
        element.code || ': ' || element.title as migof_element,
        element.sort_order as migof_order,
        -- ordered, so every replica and every run print the same text
        list_aggr(
            list_sort(list_distinct(list(
                area.name_as_published || ' -> ' || element.code || ' ('
                    || replace(migof_links.relation, '_', ' ') || ', ' || migof_links.basis || ')'
            ))),
            'string_agg', '; '
        ) as linked_through,
        initiative.quote,
        source.title as document,
        initiative.source_section
    from fct_initiative as initiative
    inner join migof_links using (migof_element_id)
    inner join dim_strategy_element as element on element.element_id = initiative.migof_element_id
    inner join dim_programmatic_area as area on area.programmatic_area = migof_links.programmatic_area
    inner join dim_source as source on source.source_id = initiative.source_id
    group by all
),

final as (
    select * exclude (migof_order) from linked order by migof_order, usd desc, initiative_id
)

select * from final
