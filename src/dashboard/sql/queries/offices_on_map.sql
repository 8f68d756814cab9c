-- One row per office shown on the map: the Regional Office always, plus every office in the selected countries; key office_id.
-- A sub-office placed at exactly its country office's point has no published town of its own (the
-- Moldova "EUBAM*" entry): the flag lets the map say its position is a stand-in.
with offices as (
    select * from dim_office
    where office_type = 'regional' or list_contains($iso3::varchar[], iso3)
),

parents as (
    select office_id as parent_office_id, lat as parent_lat, lon as parent_lon from dim_office
),

final as (
    select
        offices.office_id,
        offices.iso3,
        offices.office_type,
        offices.name,
        offices.name_as_published,
        offices.city,
        offices.city_as_published,
        offices.parent_office_id,
        -- dim_country lists only the 20; the Regional Office is the one office outside them.
        coalesce(offices.country_name, 'Austria') as country_name,
        offices.subregion,
        offices.lat,
        offices.lon,
        offices.geonameid,
        offices.gazetteer_name,
        offices.address,
        offices.telephone,
        offices.fax,
        offices.email,
        offices.note,
        offices.current_status_note,
        coalesce(offices.lat = parents.parent_lat and offices.lon = parents.parent_lon, false)
            as position_is_stand_in,
        source.cite_as as document,
        source.file,
        offices.source_section,
        contact.cite_as as contact_document,
        offices.contact_source_section
    from offices
    left join parents using (parent_office_id)
    inner join dim_source as source on source.source_id = offices.source_id
    left join dim_source as contact on contact.source_id = offices.contact_source_id
    order by
        case offices.office_type when 'regional' then 1 when 'country' then 2 else 3 end,
        country_name,
        offices.name
)

select * from final
