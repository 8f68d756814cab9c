-- One row per IOM office in the countries with a 2016 SEEECA requirement in the given funding areas, plus the Regional Office when the regional programmes line is among them; key office_id.
with cells as (
    select *
    from fct_funding_requirement
    where edition = $edition
        and region = 'seeeca'
        and usd is not null
        and list_contains($areas::varchar[], programmatic_area)
        and (list_contains($iso3::varchar[], iso3) or ($include_regional and iso3 is null))
),

final as (
    select
        office.office_id,
        office.name,
        office.office_type,
        office.city,
        coalesce(country.name, office.country_name) as country,
        parent.name as reports_to,
        office.source_section
    from dim_office as office
    left join dim_country as country on country.iso3 = office.iso3
    left join dim_office as parent on parent.office_id = office.parent_office_id
    where office.iso3 in (select iso3 from cells where iso3 is not null)
        or (office.office_type = 'regional' and exists (select 1 from cells where iso3 is null))
    order by office.office_type <> 'regional', country, office.office_type <> 'country', office.name
)

select * from final
