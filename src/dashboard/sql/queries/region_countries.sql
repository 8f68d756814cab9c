-- One row per country or territory of the region with its display name; key iso3.
with final as (
    select iso3, name
    from dim_country
    order by name
)

select * from final
