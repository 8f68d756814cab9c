-- One row per office type: offices in the selected countries (the Regional Office counted apart); key office_type.
with final as (
    select office_type, count(*) as offices
    from dim_office
    where office_type = 'regional' or list_contains($iso3::varchar[], iso3)
    group by office_type
)

select * from final
