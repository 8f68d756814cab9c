-- One row per crosswalk link between strategy elements and 2016 programmatic funding areas, both ends named; key (from_element_id, to_id).
-- Ends are left-joined so a link to a missing element shows with an empty name instead of vanishing.
with ends as (
    select
        element_id as end_id,
        'strategy_element' as kind,
        case framework
            when 'strategy_2020_2024' then 'Strategy 2020-2024'
            when 'strategy_2015_2020' then 'Strategy 2015-2020'
            when 'migof' then 'MiGOF'
            when 'iom_global_strategy' then 'IOM Strategy'
            else framework
        end as framework,
        coalesce(code || ': ', '') || title as name
    from dim_strategy_element
    union all
    select programmatic_area, 'programmatic_area', 'Migration Initiatives 2016', name_as_published
    from dim_programmatic_area
),

final as (
    select
        link.from_element_id,
        from_end.framework as from_framework,
        from_end.name as from_name,
        replace(link.relation, '_', ' ') as relation,
        link.to_id,
        to_end.framework as to_framework,
        to_end.name as to_name,
        link.basis,
        link.relation in ('continues', 'funded_under') as in_drilldown,
        link.justification,
        source.title as document,
        link.source_section
    from bridge_crosswalk as link
    left join ends as from_end on from_end.end_id = link.from_element_id and from_end.kind = link.from_kind
    left join ends as to_end on to_end.end_id = link.to_id and to_end.kind = link.to_kind
    left join dim_source as source on source.source_id = link.source_id
    order by link.relation in ('continues', 'funded_under') desc, link.relation, link.from_element_id, link.to_id
)

select * from final
