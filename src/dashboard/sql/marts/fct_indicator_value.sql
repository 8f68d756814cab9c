-- One row per indicator, country and year from the official datasets; key (indicator_code, iso3, year).
with final as (
    select indicator_code, iso3, year, value, source_id
    from stg_official__indicator_values
)

-- Stored in key order: every query asks for one or a few indicator codes, and DuckDB skips the
-- row groups whose min/max code cannot match, so a query reads its codes' rows, not the table.
select * from final
order by indicator_code, iso3, year
