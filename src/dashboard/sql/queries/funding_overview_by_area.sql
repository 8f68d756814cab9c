-- One row per IOM region and programmatic area of the 2016 overview table, beside the sum of the region's own table; key (region, programmatic_area).
-- usd is the overview cell (NULL where it prints "-"); region_table_usd is NULL when the region has no table.
with overview as (
    select *
    from fct_funding_overview
    where edition = $edition and list_contains($areas::varchar[], programmatic_area)
),

region_tables as (
    select region, programmatic_area, sum(usd) as region_table_usd, count(*) as cells
    from fct_funding_requirement
    where edition = $edition
    group by all
),

final as (
    select
        overview.region,
        region.name_as_published as region_name,
        region.sort_order as region_order,
        overview.programmatic_area,
        area.name_as_published as area_name,
        area.sort_order as area_order,
        overview.usd,
        region_tables.region_table_usd,
        region_tables.cells is not null as has_region_table,
        overview.source_section
    from overview
    inner join dim_iom_region as region using (region)
    inner join dim_programmatic_area as area using (programmatic_area)
    left join region_tables using (region, programmatic_area)
    where overview.region <> 'multi_regional'
    order by region.sort_order, area.sort_order
)

select * from final
