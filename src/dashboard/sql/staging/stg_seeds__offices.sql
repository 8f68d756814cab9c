-- One row per IOM office as published in the 2020-2024 strategy; key office_id.
with final as (
    select
        office_id,
        iso3,
        office_type,
        trim(name) as name,
        name_as_published,
        trim(city) as city,
        city_as_published,
        parent_office_id,
        address,
        telephone,
        fax,
        email,
        note,
        current_status_note,
        source_id,
        source_section,
        contact_source_id,
        contact_source_section
    from raw_offices
)

select * from final
