-- One row per indicator, country and year from the official datasets; key (indicator_code, iso3, year).
with final as (
    select indicator_code, iso3, year::integer as year, value, source_id
    from raw_indicators
)

select * from final
