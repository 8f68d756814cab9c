-- One row per country, or the regional programmes line, with a 2016 SEEECA requirement in the given funding areas; key iso3 (NULL for regional programmes).
with cells as (
    select *
    from fct_funding_requirement
    where edition = $edition
        and region = 'seeeca'
        and usd is not null
        and list_contains($areas::varchar[], programmatic_area)
        and (list_contains($iso3::varchar[], iso3) or ($include_regional and iso3 is null))
),

by_place as (
    select
        cells.iso3,
        any_value(cells.country_or_programme) as name_as_published,
        sum(cells.usd) as usd,
        -- (funding area as published, USD) in the table's order; the page writes them out
        list({'area': area.name_as_published, 'usd': cells.usd} order by area.sort_order)
            as by_area
    from cells
    inner join dim_programmatic_area as area using (programmatic_area)
    group by cells.iso3
),

offices as (
    -- the regional programmes line is delivered from the Regional Office
    select iso3, count(*) as offices
    from dim_office
    where office_type <> 'regional'
    group by iso3
    union all
    select null, count(*) from dim_office where office_type = 'regional'
),

final as (
    select
        coalesce(country.name, by_place.name_as_published) as place,
        by_place.iso3,
        country.subregion,
        by_place.usd,
        round(100 * by_place.usd / sum(by_place.usd) over (), 1) as share,
        coalesce(offices.offices, 0) as offices,
        by_place.by_area
    from by_place
    left join dim_country as country using (iso3)
    left join offices on offices.iso3 is not distinct from by_place.iso3
    order by by_place.iso3 is null, by_place.usd desc, place
)

select * from final
