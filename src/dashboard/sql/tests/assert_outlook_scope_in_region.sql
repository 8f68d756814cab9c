-- Offending rows: ISO3 codes in an outlook link's scope that are not countries of the region.
with scoped as (
    select statement_id, indicator_family, trim(unnest(string_split(iso3_scope, ';'))) as iso3
    from bridge_outlook_indicator
    where iso3_scope is not null
)

select * from scoped
where iso3 not in (select iso3 from dim_country)
