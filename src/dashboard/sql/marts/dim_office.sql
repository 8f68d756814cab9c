-- One row per IOM office in the region and the Regional Office (May 2020); key office_id.
with offices as (
    select * from stg_seeds__offices
),

places as (
    select place_key as office_id, lat, lon, geonameid, gazetteer_name
    from stg_gazetteer__places
    where kind = 'office'
),

countries as (
    select iso3, name as country_name, subregion from stg_seeds__countries
),

final as (
    select
        offices.office_id,
        offices.iso3,
        offices.name,
        offices.name_as_published,
        offices.office_type,
        offices.city,
        offices.city_as_published,
        offices.parent_office_id,
        countries.country_name,
        countries.subregion,
        places.lat,
        places.lon,
        places.geonameid,
        places.gazetteer_name,
        offices.address,
        offices.telephone,
        offices.fax,
        offices.email,
        offices.note,
        offices.source_id,
        offices.source_section,
        offices.contact_source_id,
        offices.contact_source_section
    from offices
    left join places using (office_id)
    left join countries using (iso3)
)

select * from final
