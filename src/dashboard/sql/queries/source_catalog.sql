-- One row per source document or official dataset, documents first; key source_id.
with final as (
    select
        source_id, kind, title, short_title, publisher, edition, vintage, licence, citation,
        -- the publisher's citation without WDI series codes (as dim_source.cite_as drops them):
        -- the codes are for the technical details
        regexp_replace(citation, ' \([A-Z]{2}\.[A-Z0-9]+(\.[A-Z0-9]+)*\)', '', 'g')
            as citation_shown,
        cite_as, file, note
    from dim_source
    order by kind desc, source_id
)

select * from final
