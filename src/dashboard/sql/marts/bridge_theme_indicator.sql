-- One row per thematic element and indicator family that speaks to it, in the order a theme's indicators are shown; key (element_id, indicator_family).
-- Thematic elements: the 2020-2024 pillars and priorities, the 2015-2020 thematic areas and
-- objectives, the MiGOF principles and objectives, and the 2016 programmatic areas. A link is
-- stated in theme_indicators.csv (quoting a document, or marked as the dashboard's judgement),
-- comes from an outlook statement filed under the element that the tracker tests with the
-- family, or is inherited through the strategy crosswalk (pillar <- its priorities, objective <-
-- its thematic area, programmatic area <- the thematic areas funded under it, MiGOF <- the
-- programmatic areas contributing to it). Where several paths give the same family, the most
-- direct one (stated, then outlook, then crosswalk) and its reason are kept.
with recursive elements as (
    select element_id, 'strategy_element' as element_kind, element_type, title, parent_id
    from dim_strategy_element
    where element_type in (
        'pillar', 'strategic_priority', 'thematic_area', 'thematic_objective', 'principle',
        'objective'
    )
    union all
    select programmatic_area, 'programmatic_area', 'programmatic_area', name_as_published, null
    from dim_programmatic_area
),

stated as (
    select
        element_id, indicator_family, family_rank as path_rank, 1 as path_order, basis, reason,
        source_id, source_section, null as via_id
    from stg_seeds__theme_indicators
    where indicator_family is not null
),

from_outlook as (
    select
        lineage.ancestor_id as element_id,
        link.indicator_family,
        min(statement.statement_id) as path_rank_key,
        arg_min(statement.statement, statement.statement_id) as statement,
        arg_min(statement.source_id, statement.statement_id) as source_id,
        arg_min(statement.source_section, statement.statement_id) as source_section,
        min(statement.statement_id) as via_id
    from dim_outlook_statement as statement
    inner join bridge_outlook_indicator as link on link.statement_id = statement.statement_id
    -- only the element the statement is filed under: a pillar takes them through its priorities
    inner join theme_lineage as lineage
        on lineage.element_id = statement.element_id and lineage.levels_up = 0
    group by all
),

outlook_links as (
    select
        element_id, indicator_family,
        row_number() over (partition by element_id order by path_rank_key, indicator_family)
            as path_rank,
        2 as path_order,
        'outlook_statement' as basis,
        'The outlook tracker tests this family against an outlook statement filed under the '
        || 'element: "' || case
            when length(statement) > 110 then left(statement, 107) || '..."'
            else statement || '"'
        end as reason,
        source_id, source_section, via_id
    from from_outlook
),

-- one row per element and family, numbered in display order: what inheritance passes on
direct as (
    select
        element_id, indicator_family,
        row_number() over (
            partition by element_id order by path_order, path_rank, indicator_family
        ) as path_rank,
        path_order, basis, reason, source_id, source_section, via_id
    from (select * from stated union all select * from outlook_links)
    qualify row_number() over (
        partition by element_id, indicator_family order by path_order, path_rank
    ) = 1
),

-- Inheritance through the theme hierarchy and the crosswalk, in three steps so that what one
-- step inherits is passed on by the next: from_id passes its families to to_id.
inherits as (
    -- 1: a 2020-2024 priority takes the 2015-2020 thematic areas it continues (the theme filter
    -- files those areas under it)
    select ancestor_id as to_id, element_id as from_id, 1 as step,
        'the 2015-2020 thematic area it continues' as how
    from theme_lineage
    where levels_up = 1 and element_id like 's2015.ta%'
    union all
    -- 2: a pillar its priorities, an objective its thematic area, a programmatic area the
    -- thematic areas funded under it
    select parent_id, element_id, 2, 'its strategic priority'
    from dim_strategy_element
    where element_type = 'strategic_priority'
    union all
    select element_id, parent_id, 2, 'its thematic area'
    from dim_strategy_element
    where element_type = 'thematic_objective'
    union all
    select to_id, from_element_id, 2, 'the thematic area funded under it'
    from bridge_crosswalk
    where relation = 'funded_under' and to_kind = 'programmatic_area'
    union all
    -- 3: a MiGOF element the programmatic areas contributing to it
    select to_id, from_element_id, 3, 'the programmatic area contributing to it'
    from bridge_crosswalk
    where from_kind = 'programmatic_area' and to_kind = 'strategy_element'
),

titles as (
    select element_id as id, title from dim_strategy_element
    union all
    select programmatic_area, name_as_published from dim_programmatic_area
),

-- Every link known after each step (0: the direct ones), one round of the recursion a step: the
-- links so far plus what the step's from_id passes on (ranked after the links it inherits from),
-- one row per element and family, renumbered in display order for the next step to inherit.
inherited as (
    select 0 as step, * from direct
    union all
    select
        step, element_id, indicator_family,
        row_number() over (
            partition by element_id order by path_order, prior_rank, indicator_family
        ) as path_rank,
        path_order, basis, reason, source_id, source_section, via_id
    from (
        select
            step + 1 as step, element_id, indicator_family, path_rank as prior_rank, path_order,
            basis, reason, source_id, source_section, via_id
        from inherited
        union all
        select
            known.step + 1, inherits.to_id, known.indicator_family, min(known.path_rank),
            known.step + 3, 'crosswalk',
            'Inherited from ' || min(inherits.how) || ': '
            || string_agg(distinct titles.title, '; ' order by titles.title) || '.',
            null, null, string_agg(distinct inherits.from_id, ', ' order by inherits.from_id)
        from inherited as known
        inner join inherits
            on inherits.from_id = known.element_id and inherits.step = known.step + 1
        inner join titles on titles.id = inherits.from_id
        group by known.step, inherits.to_id, known.indicator_family
    )
    where step <= 3
    qualify row_number() over (
        partition by element_id, indicator_family order by path_order, prior_rank
    ) = 1
),

best as (
    select element_id, indicator_family, path_rank, path_order, basis, reason, source_id,
        source_section, via_id
    from inherited
    where step = 3 and element_id in (select element_id from elements)
),

-- elements no indicator can speak to, with the stated reason
without_indicator as (
    select
        element_id, null as indicator_family, null as path_rank, 9 as path_order, basis, reason,
        source_id, source_section, null as via_id
    from stg_seeds__theme_indicators
    where indicator_family is null
),

final as (
    select
        link.element_id,
        elements.element_kind,
        elements.element_type,
        elements.title as element_title,
        link.indicator_family,
        case when link.indicator_family is not null then row_number() over (
            partition by link.element_id, link.indicator_family is null
            order by link.path_order, link.path_rank, link.indicator_family
        ) end as family_rank,
        link.basis,
        link.reason,
        link.source_id,
        link.source_section,
        link.via_id
    from (select * from best union all select * from without_indicator) as link
    inner join elements on elements.element_id = link.element_id
    order by link.element_id, family_rank nulls last
)

select * from final
