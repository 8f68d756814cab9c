-- One row per cell of one region's 2016 table (row x programmatic area) within the selection; key (country_or_programme, programmatic_area).
-- usd is NULL where the table prints "-" (no requirement), never 0. Country filters apply only to the SEEECA table.
-- Rows come largest first (by their sum over the areas shown), regional programmes last, as charts and tables show them.
with cells as (
    select *
    from fct_funding_requirement
    where edition = $edition
        and region = $region
        and list_contains($areas::varchar[], programmatic_area)
        and (
            not $restrict_countries
            or list_contains($iso3::varchar[], iso3)
            or ($include_regional and iso3 is null)
        )
),

final as (
    select
        coalesce(country.name, cells.country_or_programme) as country_or_programme,
        cells.country_or_programme as name_as_published,
        cells.iso3,
        cells.iso3 is null as is_regional_programmes,
        cells.programmatic_area,
        area.name_as_published as area_name,
        area.sort_order as area_order,
        cells.usd,
        sum(cells.usd) over (partition by cells.country_or_programme) as row_usd,
        cells.source_section
    from cells
    inner join dim_programmatic_area as area using (programmatic_area)
    -- SEEECA rows get the dashboard's standard name; other regions keep the printed label
    left join dim_country as country on country.iso3 = cells.iso3 and cells.region = 'seeeca'
    order by is_regional_programmes, row_usd desc nulls last, country_or_programme, area_order
)

select * from final
