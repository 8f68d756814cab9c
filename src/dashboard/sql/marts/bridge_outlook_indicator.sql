-- One row per outlook statement, indicator family and country scope that can test it; key (statement_id, indicator_family, iso3_scope).
with final as (
    select statement_id, indicator_family, iso3_scope, expectation, rationale
    from stg_seeds__outlook_indicator_links
)

select * from final
