-- One row per destination of a country's emigrants in a year, largest first, with its share of all the country's emigrants; key destination_iso3.
with corridors as (
    select * from fct_migrant_corridor
    where origin_iso3 = $iso3 and year = $year
),

total as (
    select sum(migrants) as emigrants from corridors
),

final as (
    select
        corridors.destination_iso3,
        place.name as destination,
        place.place_group,
        place.in_region,
        corridors.migrants,
        corridors.migrants / nullif(total.emigrants, 0) as share,
        total.emigrants,
        corridors.year,
        corridors.source_id
    from corridors
    cross join total
    inner join dim_corridor_place as place on place.iso3 = corridors.destination_iso3
)

select * from final
order by migrants desc, destination_iso3
limit $limit
