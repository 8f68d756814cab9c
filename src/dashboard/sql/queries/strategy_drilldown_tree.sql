-- One row per node of the strategy drill-down: region, pillar, strategic priority (2020-2024), thematic area (2015-2020), programmatic funding area (2016), country cell; key node_id.
-- The tree follows the crosswalk's primary links: a priority sits under its pillar (parent_id), a thematic area under the priority that 'continues' it, a funding area under the thematic area it is 'funded_under'.
-- label is code: title as published (code and title apart, for the pages to translate the title);
-- usd is the sum of the SEEECA cells below the node (NULL when all are "-"); the root sums the cells directly, so a cell the tree misses shows as a gap between the root and its children.
with elements as (
    select * from dim_strategy_element
),

links as (
    -- the crosswalk does not fix which end of a link is "from", so read both directions
    select from_element_id as upper_id, to_id as lower_id, relation, basis, justification, source_id, source_section
    from bridge_crosswalk
    union all
    select to_id, from_element_id, relation, basis, justification, source_id, source_section
    from bridge_crosswalk
),

priorities as (
    select
        priority.element_id as priority_id,
        priority.parent_id as pillar_id,
        'document' as basis,
        format('The {} places "{}" under the pillar {}.', source.title, priority.title, pillar.title)
            as justification,
        source.title as document,
        priority.source_section
    from elements as priority
    inner join elements as pillar on pillar.element_id = priority.parent_id
    inner join dim_source as source on source.source_id = priority.source_id
    where priority.element_type = 'strategic_priority'
),

thematic_areas as (
    select
        links.lower_id as thematic_area_id,
        links.upper_id as priority_id,
        links.basis,
        links.justification,
        source.title as document,
        links.source_section
    from links
    inner join elements as priority
        on priority.element_id = links.upper_id and priority.element_type = 'strategic_priority'
    inner join elements as area
        on area.element_id = links.lower_id and area.element_type = 'thematic_area'
    left join dim_source as source on source.source_id = links.source_id
    where links.relation = 'continues'
),

funding_areas as (
    select
        links.lower_id as programmatic_area,
        links.upper_id as thematic_area_id,
        links.basis,
        links.justification,
        source.title as document,
        links.source_section
    from links
    inner join elements as area
        on area.element_id = links.upper_id and area.element_type = 'thematic_area'
    inner join dim_programmatic_area as funding_area on funding_area.programmatic_area = links.lower_id
    left join dim_source as source on source.source_id = links.source_id
    where links.relation = 'funded_under'
),

lineage as (
    -- one row per funding area with every level above it
    select
        priorities.pillar_id,
        thematic_areas.priority_id,
        funding_areas.thematic_area_id,
        funding_areas.programmatic_area
    from funding_areas
    inner join thematic_areas using (thematic_area_id)
    inner join priorities using (priority_id)
),

cells as (
    select
        cell.programmatic_area,
        cell.iso3,
        coalesce(cell.iso3, 'regional') as place,
        coalesce(country.name, cell.country_or_programme) as place_name,
        cell.usd,
        cell.source_section
    from fct_funding_requirement as cell
    left join dim_country as country using (iso3)
    where cell.edition = $edition
        and cell.region = 'seeeca'
        and cell.usd is not null
        and (list_contains($iso3::varchar[], cell.iso3) or ($include_regional and cell.iso3 is null))
),

placed_cells as (
    select lineage.*, cells.* exclude (programmatic_area)
    from cells
    inner join lineage using (programmatic_area)
),

root_node as (
    select
        'seeeca' as node_id,
        null::varchar as parent_id,
        0 as level,
        'SEEECA, all programmatic areas' as label,
        null::varchar as code,
        'SEEECA, all programmatic areas' as title,
        (select sum(usd) from cells) as usd,
        (select count(distinct iso3) from cells) as countries,
        (select list(distinct programmatic_area order by programmatic_area) from lineage) as areas,
        (select list(distinct element_id order by element_id) from (
            select priority_id as element_id from lineage union select thematic_area_id from lineage
        )) as elements,
        null::varchar as iso3,
        null::varchar as basis,
        null::varchar as justification,
        null::varchar as document,
        null::varchar as source_section,
        [0, 0, 0, 0, 0] as sort_key
),

pillar_nodes as (
    select
        pillar.element_id as node_id,
        'seeeca' as parent_id,
        1 as level,
        pillar.title as label,
        null::varchar as code,
        pillar.title as title,
        (select sum(usd) from placed_cells where pillar_id = pillar.element_id) as usd,
        (select count(distinct iso3) from placed_cells where pillar_id = pillar.element_id) as countries,
        (select list(distinct programmatic_area order by programmatic_area) from lineage where pillar_id = pillar.element_id) as areas,
        (select list(distinct element_id order by element_id) from (
            select priority_id as element_id from lineage where pillar_id = pillar.element_id
            union select thematic_area_id from lineage where pillar_id = pillar.element_id
        )) as elements,
        null as iso3,
        'document' as basis,
        format('A pillar of the {}.', source.title) as justification,
        source.title as document,
        pillar.source_section,
        [pillar.sort_order, 0, 0, 0, 0] as sort_key
    from elements as pillar
    inner join dim_source as source using (source_id)
    where pillar.element_type = 'pillar'
),

priority_nodes as (
    select
        priorities.priority_id as node_id,
        priorities.pillar_id as parent_id,
        2 as level,
        priority.code || ': ' || priority.title as label,
        priority.code,
        priority.title,
        (select sum(usd) from placed_cells where priority_id = priorities.priority_id) as usd,
        (select count(distinct iso3) from placed_cells where priority_id = priorities.priority_id) as countries,
        (select list(distinct programmatic_area order by programmatic_area) from lineage where priority_id = priorities.priority_id) as areas,
        list_sort(list_distinct([priorities.priority_id] || coalesce(
            (select list(thematic_area_id) from lineage where priority_id = priorities.priority_id), []
        ))) as elements,
        null as iso3,
        priorities.basis,
        priorities.justification,
        priorities.document,
        priorities.source_section,
        [pillar.sort_order, priority.sort_order, 0, 0, 0] as sort_key
    from priorities
    inner join elements as priority on priority.element_id = priorities.priority_id
    inner join elements as pillar on pillar.element_id = priorities.pillar_id
),

thematic_area_nodes as (
    select
        thematic_areas.thematic_area_id as node_id,
        thematic_areas.priority_id as parent_id,
        3 as level,
        area.code || ': ' || area.title as label,
        area.code,
        area.title,
        (select sum(usd) from placed_cells where thematic_area_id = thematic_areas.thematic_area_id) as usd,
        (select count(distinct iso3) from placed_cells where thematic_area_id = thematic_areas.thematic_area_id) as countries,
        (select list(distinct programmatic_area order by programmatic_area) from lineage where thematic_area_id = thematic_areas.thematic_area_id) as areas,
        list_sort([thematic_areas.thematic_area_id, thematic_areas.priority_id]) as elements,
        null as iso3,
        thematic_areas.basis,
        thematic_areas.justification,
        thematic_areas.document,
        thematic_areas.source_section,
        [pillar.sort_order, priority.sort_order, area.sort_order, 0, 0] as sort_key
    from thematic_areas
    inner join elements as area on area.element_id = thematic_areas.thematic_area_id
    inner join elements as priority on priority.element_id = thematic_areas.priority_id
    inner join elements as pillar on pillar.element_id = priority.parent_id
),

funding_area_nodes as (
    select
        lineage.programmatic_area as node_id,
        lineage.thematic_area_id as parent_id,
        4 as level,
        funding_area.name_as_published as label,
        null::varchar as code,
        funding_area.name_as_published as title,
        (select sum(usd) from placed_cells where programmatic_area = lineage.programmatic_area) as usd,
        (select count(distinct iso3) from placed_cells where programmatic_area = lineage.programmatic_area) as countries,
        [lineage.programmatic_area] as areas,
        list_sort([lineage.thematic_area_id, lineage.priority_id]) as elements,
        null as iso3,
        funding_areas.basis,
        funding_areas.justification,
        funding_areas.document,
        funding_areas.source_section,
        [pillar.sort_order, priority.sort_order, area.sort_order, funding_area.sort_order, 0] as sort_key
    from lineage
    inner join funding_areas using (programmatic_area, thematic_area_id)
    inner join dim_programmatic_area as funding_area using (programmatic_area)
    inner join elements as area on area.element_id = lineage.thematic_area_id
    inner join elements as priority on priority.element_id = lineage.priority_id
    inner join elements as pillar on pillar.element_id = lineage.pillar_id
),

country_nodes as (
    select
        placed_cells.programmatic_area || '.' || placed_cells.place as node_id,
        placed_cells.programmatic_area as parent_id,
        5 as level,
        placed_cells.place_name as label,
        null::varchar as code,
        placed_cells.place_name as title,
        placed_cells.usd,
        (placed_cells.iso3 is not null)::integer as countries,
        [placed_cells.programmatic_area] as areas,
        list_sort([placed_cells.thematic_area_id, placed_cells.priority_id]) as elements,
        placed_cells.iso3,
        'document' as basis,
        'A cell of the SEEECA table of Migration Initiatives 2016.' as justification,
        source.title as document,
        placed_cells.source_section,
        [funding_area_nodes.sort_key[1], funding_area_nodes.sort_key[2], funding_area_nodes.sort_key[3],
         funding_area_nodes.sort_key[4], -placed_cells.usd] as sort_key
    from placed_cells
    inner join funding_area_nodes on funding_area_nodes.node_id = placed_cells.programmatic_area
    cross join (select title from dim_source where source_id = 'iom_migration_initiatives_2016') as source
),

final as (
    select * exclude (sort_key)
    from (
        select * from root_node
        union all by name select * from pillar_nodes
        union all by name select * from priority_nodes
        union all by name select * from thematic_area_nodes
        union all by name select * from funding_area_nodes
        union all by name select * from country_nodes
    )
    order by sort_key
)

select * from final
