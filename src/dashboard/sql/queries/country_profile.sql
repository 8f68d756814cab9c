-- One row: the country or territory with its subregion, capital, office counts and the document they come from; key iso3.
with country as (
    select * from dim_country where iso3 = $iso3
),

offices as (
    select
        count(*) filter (where office_type = 'country') as country_offices,
        count(*) filter (where office_type = 'sub-office') as sub_offices
    from dim_office
    where iso3 = $iso3
),

final as (
    select
        country.iso3,
        country.name,
        country.subregion,
        country.subregion_basis,
        country.capital,
        country.capital_lat,
        country.capital_lon,
        country.office_count,
        offices.country_offices,
        offices.sub_offices,
        country.source_section,
        source.cite_as as document,
        source.file
    from country
    cross join offices
    inner join dim_source as source using (source_id)
)

select * from final
