-- One row per figure a document states about the country, with its quote, document and section; key figure_id.
with final as (
    select
        figure.figure_id,
        figure.topic,
        figure.label,
        figure.value,
        figure.unit,
        figure.year,
        figure.quote,
        figure.source_section,
        source.cite_as as document,
        source.file
    from fct_key_figure as figure
    inner join dim_source as source using (source_id)
    where figure.iso3 = $iso3
    order by source.vintage desc, figure.figure_id
)

select * from final
