-- One row per outlook statement linked to the region as a whole or to one of the given countries; key statement_id.
-- iso3_scope is a ';'-separated list; NULL means the statement is about the whole region.
with links as (
    select
        *,
        case when iso3_scope is null then [] else string_split(iso3_scope, ';') end as scope_list
    from bridge_outlook_indicator
),

relevant as (
    select *, list_intersect(scope_list, $iso3::varchar[]) as named_list
    from links
    where iso3_scope is null or len(list_intersect(scope_list, $iso3::varchar[])) > 0
),

named as (
    select relevant.statement_id, string_agg(distinct country.name, ', ' order by country.name) as named_countries
    from relevant, unnest(relevant.named_list) as named(iso3)
    inner join dim_country as country on country.iso3 = named.iso3
    group by relevant.statement_id
),

final as (
    select
        statement.statement_id,
        statement.short_title,
        statement.statement,
        statement.theme,
        bool_or(relevant.iso3_scope is not null) as names_selection,
        any_value(named.named_countries) as named_countries,
        string_agg(distinct relevant.indicator_family, ', ' order by relevant.indicator_family) as indicator_families,
        string_agg(distinct relevant.expectation, ', ' order by relevant.expectation) as expectations,
        statement.source_section,
        source.cite_as as document,
        source.file,
        source.edition,
        source.vintage
    from relevant
    inner join dim_outlook_statement as statement using (statement_id)
    inner join dim_source as source on source.source_id = statement.source_id
    left join named using (statement_id)
    group by all
    order by names_selection desc, source.vintage desc, statement.statement_id
)

select * from final
