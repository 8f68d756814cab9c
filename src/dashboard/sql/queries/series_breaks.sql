-- One row per declared series break with the country's name; key (indicator_code, iso3, year).
with final as (
    select series_break.*, country.name as country
    from dim_series_break as series_break
    inner join dim_country as country using (iso3)
    order by indicator_code, iso3, year
)

select * from final
