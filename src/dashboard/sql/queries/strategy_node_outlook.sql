-- One row per outlook statement attached to the given strategy elements, with the indicator families it is checked against; key statement_id.
-- For one country, only the indicator links whose scope is the whole region or includes that country are listed.
with statements as (
    select * from dim_outlook_statement where list_contains($elements::varchar[], element_id)
),

links as (
    select *
    from bridge_outlook_indicator
    where $iso3::varchar is null
        or iso3_scope is null
        or list_contains(string_split(iso3_scope, ';'), $iso3::varchar)
),

final as (
    select
        statements.statement_id,
        element.code || ': ' || element.title as attached_to,
        statements.statement,
        replace(statements.theme, '_', ' ') as theme,
        statements.testable,
        string_agg(
            replace(links.indicator_family, '_', ' ') || ' (' || replace(links.expectation, '_', ' ')
                || ', ' || coalesce(replace(links.iso3_scope, ';', ' '), 'region') || ')',
            '; ' order by links.indicator_family, links.iso3_scope
        ) as indicators,
        source.title as document,
        statements.source_section
    from statements
    inner join dim_strategy_element as element using (element_id)
    inner join dim_source as source on source.source_id = statements.source_id
    left join links using (statement_id)
    group by all
    order by statements.statement_id
)

select * from final
