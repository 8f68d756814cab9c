-- One row per requested document figure, with its qualifier, document and section; key figure_id.
with final as (
    select
        figure.figure_id, figure.label, figure.value, figure.unit, figure.year, figure.quote,
        -- how the document qualifies the number ("over 37 million", ">1,600", "nearly 29 million")
        case
            when regexp_matches(figure.quote, '(^\s*>)|more than|over \d', 'i') then '>'
            when regexp_matches(figure.quote, 'nearly|almost|about|around|approximately', 'i') then '≈'
        end as qualifier,
        figure.source_section, source.cite_as as document, source.file
    from fct_key_figure as figure
    inner join dim_source as source using (source_id)
    where list_contains($figure_ids::varchar[], figure.figure_id)
)

select * from final
