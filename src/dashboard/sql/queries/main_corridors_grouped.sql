-- One row per pair of place groups (a SEEECA subregion, the European Union, another country) with migrants between them, for corridors starting or ending in the selected countries in a year, largest first; key (origin, destination).
with selected as (
    select unnest($iso3::varchar[]) as iso3
),

subregion_size as (
    select subregion, count(*) as countries from dim_country group by subregion
),

-- A region country is shown by its subregion (a one-country subregion by the country's name),
-- an EU member state as the European Union, any other country by its name.
labelled as (
    select
        place.iso3,
        case
            when place.in_region and size.countries > 1 then place.subregion
            when place.is_eu then 'European Union (27)'
            else place.name
        end as label,
        place.place_group
    from dim_corridor_place as place
    left join subregion_size as size using (subregion)
),

corridors as (
    select corridor.*
    from fct_migrant_corridor as corridor
    where corridor.year = $year
        and (
            corridor.origin_iso3 in (select iso3 from selected)
            or corridor.destination_iso3 in (select iso3 from selected)
        )
        and corridor.origin_iso3 not in ('XCX', 'OOO')
),

final as (
    select
        origin.label as origin,
        any_value(origin.place_group) as origin_group,
        destination.label as destination,
        any_value(destination.place_group) as destination_group,
        sum(corridors.migrants)::bigint as migrants,
        count(*) as corridors,
        case
            when bool_and(corridors.origin_iso3 in (select iso3 from selected))
                and bool_and(corridors.destination_iso3 in (select iso3 from selected))
                then 'within the selection'
            when bool_and(corridors.origin_iso3 in (select iso3 from selected)) then 'emigration'
            when bool_and(corridors.destination_iso3 in (select iso3 from selected))
                then 'immigration'
            else 'mixed'
        end as direction,
        any_value(corridors.year) as year
    from corridors
    inner join labelled as origin on origin.iso3 = corridors.origin_iso3
    inner join labelled as destination on destination.iso3 = corridors.destination_iso3
    group by origin.label, destination.label
)

select * from final
order by migrants desc, origin, destination
limit $limit
