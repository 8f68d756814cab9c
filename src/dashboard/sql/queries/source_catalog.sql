-- One row per source document or official dataset, documents first; key source_id.
with final as (
    select source_id, kind, title, short_title, publisher, edition, vintage, licence, citation, cite_as, file, note
    from dim_source
    order by kind desc, source_id
)

select * from final
