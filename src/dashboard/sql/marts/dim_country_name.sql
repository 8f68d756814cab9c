-- One row per country and document that names it; key (iso3, source_id).
with final as (
    select iso3, source_id, name_as_published, iom_status, source_section
    from stg_seeds__country_names
)

select * from final
