-- One row per corridor starting or ending in the selected countries in a year, largest first; key (origin_iso3, destination_iso3).
with selected as (
    select unnest($iso3::varchar[]) as iso3
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
        corridors.origin_iso3,
        origin.name as origin,
        origin.place_group as origin_group,
        origin.subregion as origin_subregion,
        corridors.destination_iso3,
        destination.name as destination,
        destination.place_group as destination_group,
        destination.subregion as destination_subregion,
        corridors.migrants,
        case
            when corridors.origin_iso3 in (select iso3 from selected)
                and corridors.destination_iso3 in (select iso3 from selected)
                then 'within the selection'
            when corridors.origin_iso3 in (select iso3 from selected) then 'emigration'
            else 'immigration'
        end as direction,
        corridors.year,
        corridors.source_id
    from corridors
    inner join dim_corridor_place as origin on origin.iso3 = corridors.origin_iso3
    inner join dim_corridor_place as destination on destination.iso3 = corridors.destination_iso3
)

select * from final
order by migrants desc, origin_iso3, destination_iso3
limit $limit
