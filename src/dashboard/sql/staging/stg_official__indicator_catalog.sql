-- One row per indicator code of the official-data extract; key indicator_code.
with final as (
    select
        indicator_code, family, name, unit, aggregation, weight_indicator_code, source_id,
        description, caveat, lowest_plausible, highest_plausible
    from raw_indicator_catalog
)

select * from final
