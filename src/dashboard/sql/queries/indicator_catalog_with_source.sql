-- One row per indicator code with its source's publisher and vintage, in family order; key indicator_code.
with final as (
    select
        indicator.indicator_code,
        indicator.family,
        indicator.name,
        indicator.unit,
        indicator.description,
        indicator.caveat,
        indicator.first_year,
        indicator.last_year,
        indicator.country_count,
        source.shown_title as source_title,
        source.short_title as source_short_title,
        source.publisher,
        source.edition,
        source.vintage,
        source.cite_as
    from dim_indicator as indicator
    inner join dim_source as source using (source_id)
    order by indicator.family, indicator.name
)

select * from final
