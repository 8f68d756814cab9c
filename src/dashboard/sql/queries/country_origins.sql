-- One row per origin of the international migrants living in a country in a year, largest first, with its share of them all; key origin_iso3.
with corridors as (
    select * from fct_migrant_corridor
    where destination_iso3 = $iso3 and year = $year
),

total as (
    select sum(migrants) as immigrants from corridors
),

final as (
    select
        corridors.origin_iso3,
        place.name as origin,
        place.place_group,
        place.in_region,
        corridors.migrants,
        corridors.migrants / nullif(total.immigrants, 0) as share,
        total.immigrants,
        corridors.year,
        corridors.source_id
    from corridors
    cross join total
    inner join dim_corridor_place as place on place.iso3 = corridors.origin_iso3
)

select * from final
order by migrants desc, origin_iso3
limit $limit
