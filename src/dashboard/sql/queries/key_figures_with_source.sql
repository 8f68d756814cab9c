-- One row per requested document figure, with its document and section; key figure_id.
with final as (
    select
        figure.figure_id, figure.label, figure.value, figure.unit, figure.year, figure.quote,
        figure.source_section, source.cite_as as document, source.file
    from fct_key_figure as figure
    inner join dim_source as source using (source_id)
    where list_contains($figure_ids::varchar[], figure.figure_id)
)

select * from final
