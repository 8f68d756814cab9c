-- One row per outlook statement linked to the region as a whole or to one of the given countries; key statement_id.
-- iso3_scope is a ';'-separated list; NULL means the statement is about the whole region.
with links as (
    select
        *,
        case when iso3_scope is null then [] else string_split(iso3_scope, ';') end as scope_list
    from bridge_outlook_indicator
),

relevant as (
    select *
    from links
    where iso3_scope is null or len(list_intersect(scope_list, $iso3::varchar[])) > 0
),

final as (
    select
        statement.statement_id,
        statement.statement,
        statement.theme,
        bool_or(relevant.iso3_scope is not null) as names_selection,
        string_agg(distinct relevant.indicator_family, ', ' order by relevant.indicator_family) as indicator_families,
        string_agg(distinct relevant.expectation, ', ' order by relevant.expectation) as expectations,
        statement.source_section,
        source.title as document,
        source.file,
        source.vintage
    from relevant
    inner join dim_outlook_statement as statement using (statement_id)
    inner join dim_source as source on source.source_id = statement.source_id
    group by all
    order by names_selection desc, source.vintage desc, statement.statement_id
)

select * from final
