-- One row per headline scope and member country: each country, each subregion, the region; key (scope_type, scope_id, iso3).
with countries as (
    select iso3, name, subregion from dim_country
),

country_scopes as (
    select 'country' as scope_type, iso3 as scope_id, name as scope_name, iso3 from countries
),

subregion_scopes as (
    select 'subregion' as scope_type, subregion as scope_id, subregion as scope_name, iso3
    from countries
),

region_scope as (
    select
        'region' as scope_type,
        'SEEECA' as scope_id,
        'South-Eastern Europe, Eastern Europe and Central Asia' as scope_name,
        iso3
    from countries
),

final as (
    select * from country_scopes
    union all
    select * from subregion_scopes
    union all
    select * from region_scope
)

select * from final
order by scope_type, scope_id, iso3
