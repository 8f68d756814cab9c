-- One row per direction (emigrants, immigrants) and place group for a country and year: migrants and share; key (direction, place_group).
with outward as (
    select 'emigrants' as direction, place.place_group, corridor.migrants
    from fct_migrant_corridor as corridor
    inner join dim_corridor_place as place on place.iso3 = corridor.destination_iso3
    where corridor.origin_iso3 = $iso3 and corridor.year = $year
),

inward as (
    select 'immigrants' as direction, place.place_group, corridor.migrants
    from fct_migrant_corridor as corridor
    inner join dim_corridor_place as place on place.iso3 = corridor.origin_iso3
    where corridor.destination_iso3 = $iso3 and corridor.year = $year
),

grouped as (
    select direction, place_group, sum(migrants) as migrants
    from (select * from outward union all select * from inward)
    group by direction, place_group
),

final as (
    select
        direction,
        place_group,
        migrants,
        migrants / sum(migrants) over (partition by direction) as share
    from grouped
)

select * from final
order by direction, migrants desc
