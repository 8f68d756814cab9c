-- One row per headline scope whose countries are exactly the selection (none, or one); key (scope_type, scope_id).
with selected as (
    select distinct unnest($iso3::varchar[]) as iso3
),

scopes as (
    select scope_type, scope_id, list(iso3 order by iso3) as members
    from dim_headline_scope
    group by scope_type, scope_id
),

final as (
    select scope_type, scope_id
    from scopes
    where members = (select list(iso3 order by iso3) from selected)
)

-- A one-country subregion (Israel) has the same members as the country: the country comes first.
select * from final
order by case scope_type when 'country' then 1 when 'subregion' then 2 else 3 end
limit 1
