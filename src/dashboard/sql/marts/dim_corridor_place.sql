-- One row per country or area at either end of a migration corridor, with its group; key iso3.
with places as (
    select * from stg_official__corridor_places
),

final as (
    select
        places.iso3,
        places.name,
        places.name as un_name,
        places.is_eu,
        country.iso3 is not null as in_region,
        country.subregion,
        case
            when country.iso3 is not null then 'SEEECA region'
            when places.is_eu then 'European Union'
            when places.iso3 in ('XCX', 'OOO') then 'Other or unknown'
            else 'Rest of the world'
        end as place_group
    from places
    left join dim_country as country using (iso3)
)

select * from final
order by iso3
