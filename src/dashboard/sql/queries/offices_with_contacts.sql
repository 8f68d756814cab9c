-- One row per IOM office in the given countries (country office first, then its sub-offices), with contacts and sources; key office_id.
-- The Regional Office in Vienna (outside the 20) is added on request: it covers Israel and the whole region.
-- position_is_stand_in: a sub-office drawn at its country office's point has no published town.
with offices as (
    select *
    from dim_office
    where list_contains($iso3::varchar[], iso3) or ($include_regional_office and office_type = 'regional')
),

parents as (
    select office_id as parent_office_id, lat as parent_lat, lon as parent_lon from dim_office
),

final as (
    select
        offices.office_id,
        offices.iso3,
        -- dim_country lists only the 20; the Regional Office is the one office outside them.
        coalesce(offices.country_name, 'Austria') as country_name,
        offices.name,
        offices.name_as_published,
        offices.office_type,
        offices.city,
        offices.city_as_published,
        offices.parent_office_id,
        offices.lat,
        offices.lon,
        offices.address,
        offices.telephone,
        offices.fax,
        offices.email,
        offices.note,
        coalesce(offices.lat = parents.parent_lat and offices.lon = parents.parent_lon, false)
            as position_is_stand_in,
        offices.source_section,
        source.cite_as as document,
        source.file,
        offices.contact_source_section,
        contact_source.cite_as as contact_document,
        contact_source.file as contact_file
    from offices
    left join parents using (parent_office_id)
    inner join dim_source as source using (source_id)
    left join dim_source as contact_source on contact_source.source_id = offices.contact_source_id
    order by offices.office_type <> 'regional', offices.iso3, offices.office_type = 'sub-office', offices.city
)

select * from final
