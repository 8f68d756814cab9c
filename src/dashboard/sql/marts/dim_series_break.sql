-- One row per series break: a year whose value is not comparable with the year before; key (indicator_code, iso3, year).
with final as (
    select indicator_code, iso3, year, kind, note, cause_indicator_code, cause_iso3
    from stg_seeds__series_breaks
)

select * from final
