-- One row per indicator that can colour the map, with its source and whether Kosovo is folded into Serbia; key indicator_code.
-- Folded: the source has no Kosovo row and its caveat says Serbia's figure includes Kosovo.
with kosovo_reported as (
    select distinct indicator_code from fct_indicator_value where iso3 = 'XKX'
),

final as (
    select
        indicator.indicator_code,
        indicator.name,
        indicator.unit,
        indicator.caveat,
        source.publisher,
        source.short_title as source_title,
        source.edition,
        source.vintage,
        source.licence,
        source.cite_as,
        indicator.indicator_code not in (select indicator_code from kosovo_reported)
            and (indicator.caveat ilike '%serbia includes kosovo%'
                 or indicator.caveat ilike '%serbia and kosovo%') as kosovo_in_serbia
    from dim_indicator as indicator
    inner join dim_source as source using (source_id)
    order by indicator.family, indicator.name
)

select * from final
