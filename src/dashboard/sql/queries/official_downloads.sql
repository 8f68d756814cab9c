-- One row per official dataset file the ingest reads, with its vintage and licence; key source_id.
with final as (
    select file, title, short_title, publisher, edition, vintage, licence, source_id
    from dim_source
    where kind = 'dataset'
    order by file
)

select * from final
