-- One row per outlook statement and indicator link within the theme and country selection; a
-- statement no indicator can test has one row with NULL link columns; key (statement_id, indicator_family, iso3_scope).
-- A statement is under a theme when its element is the theme or sits below it (pillar -> strategic
-- priority -> the 2015-2020 thematic area the priority continues: the theme_lineage mart).
with elements as (
    select * from dim_strategy_element
),

statements as (
    select statement.*
    from dim_outlook_statement as statement
    where $theme::varchar is null
        or statement.element_id in (select element_id from theme_lineage where ancestor_id = $theme)
),

links as (
    select
        *,
        case when iso3_scope is null then []::varchar[] else string_split(iso3_scope, ';') end as scope_iso3
    from bridge_outlook_indicator
),

scope_names as (
    select
        links.statement_id,
        links.indicator_family,
        links.iso3_scope,
        string_agg(country.name, ', ' order by list_position(links.scope_iso3, country.iso3)) as scope_names
    from links
    inner join dim_country as country on list_contains(links.scope_iso3, country.iso3)
    group by all
),

joined as (
    select
        statements.statement_id,
        statements.short_title,
        statements.statement,
        statements.theme,
        statements.element_id,
        element.title as element_title,
        statements.testable,
        statements.source_id,
        source.title as document,
        source.edition,
        source.vintage,
        source.file,
        statements.source_section,
        links.indicator_family,
        links.iso3_scope,
        links.scope_iso3,
        scope_names.scope_names,
        links.expectation,
        links.rationale
    from statements
    inner join dim_source as source on source.source_id = statements.source_id
    left join elements as element on element.element_id = statements.element_id
    left join links using (statement_id)
    left join scope_names using (statement_id, indicator_family, iso3_scope)
),

final as (
    select *
    from joined
    where $whole_region
        or indicator_family is null
        or iso3_scope is null
        or len(list_intersect(scope_iso3, $iso3::varchar[])) > 0
    order by source_id, statement_id, iso3_scope nulls first, indicator_family
)

select * from final
