-- One row per UN projection series that continues an indicator family's chart (with its source); key series_code.
with final as (
    select
        series.*,
        source.publisher,
        source.shown_title as source_title,
        source.short_title,
        source.edition,
        source.vintage,
        source.licence,
        source.cite_as
    from dim_projection_series as series
    inner join dim_source as source using (source_id)
    where series.family = $family
    order by series.series_code
)

select * from final
