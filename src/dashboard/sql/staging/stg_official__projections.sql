-- One row per UN projection series, country, year and variant (estimate, medium, low, high, bounds); key (series_code, iso3, year, variant).
with final as (
    select series_code, iso3, year::integer as year, variant, value::double as value, source_id
    from raw_projections
)

select * from final
