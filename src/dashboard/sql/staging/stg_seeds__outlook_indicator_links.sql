-- One row per outlook statement, indicator family and country scope that can test it; key (statement_id, indicator_family, iso3_scope).
with final as (
    select
        statement_id,
        indicator_family,
        nullif(trim(iso3_scope), '') as iso3_scope,
        expectation,
        rationale
    from raw_outlook_indicator_links
)

select * from final
