-- One row: the 2016 SEEECA requirement for the selection (sum of table cells) beside the printed totals and the document's citation.
with cells as (
    select *
    from fct_funding_requirement
    where region = 'seeeca'
        and list_contains($areas::varchar[], programmatic_area)
        and (list_contains($iso3::varchar[], iso3) or ($include_regional and iso3 is null))
),

printed as (
    select
        max(usd) filter (where table_name = 'seeeca' and total_axis = 'grand') as table_total,
        max(usd) filter (where table_name = 'overview' and total_axis = 'column' and label = 'seeeca')
            as overview_total
    from published_total
    where edition = 2016
),

final as (
    select
        sum(cells.usd) as usd,
        count(distinct cells.country_or_programme) filter (where cells.usd is not null) as rows_with_requirement,
        any_value(printed.table_total) as table_total,
        any_value(printed.overview_total) as overview_total,
        any_value(cells.source_section) as source_section,
        (select cite_as from dim_source where source_id = 'iom_migration_initiatives_2016')
            as document
    from cells
    cross join printed
)

select * from final
