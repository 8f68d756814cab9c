-- One row per selected country: an ad-hoc headline scope. dashboard.queries.headline puts this CTE
-- in front of marts/headline_value.sql, where it takes the place of the dim_headline_scope table.
with dim_headline_scope as (
    select distinct
        'selection' as scope_type,
        'selection' as scope_id,
        'Selected countries' as scope_name,
        unnest($iso3::varchar[]) as iso3
)
