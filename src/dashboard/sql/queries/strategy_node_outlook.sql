-- One row per outlook statement attached to the given strategy elements, with the indicator tests it is checked against; key statement_id.
-- For one country, only the indicator links whose scope is the whole region or includes that country are listed.
-- links: (indicator_family, expectation, iso3_scope) in a fixed order, named by the content layer.
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
        statements.short_title,
        element.code || ': ' || element.title as attached_to,
        statements.statement,
        statements.testable,
        list(
            {
                'indicator_family': links.indicator_family,
                'expectation': links.expectation,
                'iso3_scope': links.iso3_scope
            }
            order by links.indicator_family, links.iso3_scope
        ) filter (where links.indicator_family is not null) as links,
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
