-- One row per located office or capital; key (kind, place_key).
with final as (
    select place_key, kind, geonameid, gazetteer_name, country_code, lat, lon, gazetteer, match_note
    from raw_places
)

select * from final
