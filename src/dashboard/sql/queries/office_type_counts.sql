-- One row per office type (regional, country, sub-office), zero when none is shown; key office_type.
-- offices_shown counts the selection (the Regional Office always); offices_in_region the whole list.
with types as (
    select * from (values ('regional', 1), ('country', 2), ('sub-office', 3)) as t (office_type, sort_order)
),

counts as (
    select
        office_type,
        count(*) filter (where office_type = 'regional' or list_contains($iso3::varchar[], iso3))
            as offices_shown,
        count(*) as offices_in_region,
        any_value(source_id) as source_id
    from dim_office
    group by office_type
),

final as (
    select
        types.office_type,
        coalesce(counts.offices_shown, 0) as offices_shown,
        coalesce(counts.offices_in_region, 0) as offices_in_region,
        source.cite_as as document,
        source.file
    from types
    left join counts using (office_type)
    left join dim_source as source using (source_id)
    order by types.sort_order
)

select * from final
