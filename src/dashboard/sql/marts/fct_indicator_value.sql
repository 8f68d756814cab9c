-- One row per indicator, country and year from the official datasets; key (indicator_code, iso3, year).
with final as (
    select indicator_code, iso3, year, value, source_id
    from stg_official__indicator_values
)

select * from final
