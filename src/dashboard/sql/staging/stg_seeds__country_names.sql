-- One row per country and document naming it; key (iso3, source_id).
with final as (
    select iso3, source_id, name_as_published, iom_status, source_section
    from raw_country_names
)

select * from final
