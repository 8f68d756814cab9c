-- Offending rows: a funding-table row that lacks a cell for one of the seven programmatic areas.
with areas as (
    select programmatic_area from dim_programmatic_area where programmatic_area <> 'multiregional'
),

table_rows as (
    select distinct edition, region, country_or_programme from fct_funding_requirement
)

select table_rows.*, areas.programmatic_area
from table_rows
cross join areas
anti join fct_funding_requirement as cells
    using (edition, region, country_or_programme, programmatic_area)
