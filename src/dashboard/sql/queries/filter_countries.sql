-- One row per country or territory, in the order the sidebar lists them; key iso3.
with final as (
    select iso3, name, subregion
    from dim_country
    order by
        case subregion
            when 'Western Balkans' then 1
            when 'Eastern Europe' then 2
            when 'South Caucasus' then 3
            when 'Central Asia' then 4
            else 5
        end,
        subregion,
        name
)

select * from final
