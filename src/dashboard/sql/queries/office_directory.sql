-- One row per office shown on the map, as the table under it lists them (display column names); key "Office".
-- Same selection as offices_on_map: the Regional Office always, plus the selected countries' offices.
with offices as (
    select * from dim_office
    where office_type = 'regional' or list_contains($iso3::varchar[], iso3)
),

final as (
    select
        offices.name as "Office",
        case offices.office_type
            when 'regional' then 'Regional Office'
            when 'country' then 'Country office'
            else 'Sub-office'
        end as "Type",
        coalesce(offices.country_name, 'Austria') as "Country or territory",
        offices.city as "Town",
        offices.city_as_published as "Town as published",
        offices.name_as_published as "Name as published",
        offices.address as "Address",
        offices.telephone as "Telephone",
        offices.fax as "Fax",
        offices.email as "Email",
        offices.lat as "Latitude",
        offices.lon as "Longitude",
        offices.geonameid as "GeoNames id",
        offices.gazetteer_name as "Gazetteer name",
        offices.current_status_note as "Status today",
        offices.note as "Note",
        source.cite_as || ', ' || offices.source_section as "Source",
        contact.cite_as || ', ' || offices.contact_source_section as "Contact details source"
    from offices
    inner join dim_source as source on source.source_id = offices.source_id
    left join dim_source as contact on contact.source_id = offices.contact_source_id
    order by
        case offices.office_type when 'regional' then 1 when 'country' then 2 else 3 end,
        "Country or territory",
        offices.name
)

select * from final
