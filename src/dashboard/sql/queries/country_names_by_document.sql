-- One row per document that names the country: the name and IOM status as printed there; key source_id.
with final as (
    select
        name.source_id,
        source.cite_as as document,
        source.file,
        source.vintage,
        name.name_as_published,
        name.iom_status,
        name.source_section
    from dim_country_name as name
    inner join dim_source as source using (source_id)
    where name.iso3 = $iso3
    order by source.vintage, name.source_id
)

select * from final
