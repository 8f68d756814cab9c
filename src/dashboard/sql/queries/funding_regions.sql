-- One row per IOM region of the Migration Initiatives overview, in the published order; key region.
-- "Multi-regional" is an overview column for work not attributed to any region, so it is not offered as a region.
with region_tables as (
    select region, count(*) as cells
    from fct_funding_requirement
    where edition = $edition
    group by region
),

overview_columns as (
    select label as region, usd as overview_printed_total
    from published_total
    where edition = $edition and table_name = 'overview' and total_axis = 'column'
),

final as (
    select
        region.region,
        region.name_as_published as name,
        region_tables.cells is not null as has_region_table,
        overview_columns.overview_printed_total
    from dim_iom_region as region
    left join region_tables using (region)
    left join overview_columns using (region)
    where region.region <> 'multi_regional'
    order by region.sort_order
)

select * from final
