-- One row per programmatic area: the 2016 SEEECA requirement of the given countries (and regional programmes if asked); key programmatic_area.
-- A NULL usd means every cell was "-" (no requirement), which is not the same as zero.
with cells as (
    select *
    from fct_funding_requirement
    where region = 'seeeca'
        and (list_contains($iso3::varchar[], iso3) or ($include_regional and iso3 is null))
),

final as (
    select
        area.programmatic_area,
        area.name_as_published as area,
        sum(cells.usd) as usd,
        count(cells.usd) as cells_with_requirement,
        count(cells.programmatic_area) as cells,
        any_value(cells.source_section) as source_section,
        any_value(source.cite_as) as document,
        any_value(source.file) as file
    from dim_programmatic_area as area
    inner join cells using (programmatic_area)
    inner join dim_source as source on source.source_id = cells.source_id
    group by area.programmatic_area, area.name_as_published, area.sort_order
    order by area.sort_order
)

select * from final
