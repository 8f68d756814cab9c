-- One row per country or area at either end of a corridor; key iso3.
with final as (
    select iso3, name, is_eu from raw_corridor_places
)

select * from final
