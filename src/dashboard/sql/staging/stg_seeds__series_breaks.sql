-- One row per declared series break (indicator, country, first year not comparable with the year before); key (indicator_code, iso3, year).
with final as (
    select indicator_code, iso3, year::integer as year, kind, note, cause_indicator_code, cause_iso3
    from raw_series_breaks
)

select * from final
