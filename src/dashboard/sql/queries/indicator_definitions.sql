-- One row per requested indicator with its source's publisher, edition and licence; key indicator_code.
with final as (
    select
        indicator.*,
        source.publisher,
        source.shown_title as source_title,
        source.short_title,
        source.edition,
        source.vintage,
        source.licence,
        source.cite_as
    from dim_indicator as indicator
    inner join dim_source as source using (source_id)
    where list_contains($codes::varchar[], indicator.indicator_code)
)

select * from final
