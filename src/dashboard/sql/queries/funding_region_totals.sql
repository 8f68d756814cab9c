-- One row: one region's 2016 requirement as the sum of its table's cells, beside the totals printed in its table and in the overview.
with region_cells as (
    select sum(usd) as cells_usd, count(*) as cells, any_value(source_section) as table_section
    from fct_funding_requirement
    where edition = $edition and region = $region
),

overview_cells as (
    select sum(usd) as overview_cells_usd, any_value(source_section) as overview_section
    from fct_funding_overview
    where edition = $edition and region = $region
),

printed as (
    select
        max(usd) filter (where table_name = $region and total_axis = 'grand') as table_printed_total,
        max(usd) filter (where table_name = 'overview' and total_axis = 'column' and label = $region)
            as overview_printed_total
    from published_total
    where edition = $edition
),

final as (
    select
        region_cells.cells > 0 as has_region_table,
        region_cells.cells_usd,
        printed.table_printed_total,
        overview_cells.overview_cells_usd,
        printed.overview_printed_total,
        region_cells.table_section,
        overview_cells.overview_section
    from region_cells
    cross join overview_cells
    cross join printed
)

select * from final
