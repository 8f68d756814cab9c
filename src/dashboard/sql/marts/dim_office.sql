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
    select key as iso3, label as country_name from dim_display_name where kind = 'country'
),

subregions as (
    select iso3, subregion from stg_seeds__countries
),

-- the town as screens show it (Astana, Lviv); the source spelling stays in the staging table
city_names as (
    select key as city, display_name as city_display from dim_display_name where kind = 'city'
),

final as (
    select
        offices.office_id,
        offices.iso3,
        -- office names are "IOM <town>": follow the town's current name
        replace(offices.name, offices.city, city_names.city_display) as name,
        offices.name_as_published,
        offices.office_type,
        city_names.city_display as city,
        offices.city_as_published,
        offices.current_status_note,
        offices.parent_office_id,
        countries.country_name,
        subregions.subregion,
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
    left join subregions using (iso3)
    left join city_names using (city)
)

select * from final
