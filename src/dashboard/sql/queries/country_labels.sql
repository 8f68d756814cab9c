-- One row per country or territory of the region with the names a map draws; key iso3.
with final as (
    select iso3, name, display_name, capital, capital_lat, capital_lon, capital_on_map
    from dim_country
    order by name
)

select * from final
