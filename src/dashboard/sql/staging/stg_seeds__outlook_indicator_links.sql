-- One row per outlook statement and indicator family that can test it; key (statement_id, indicator_family).
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
