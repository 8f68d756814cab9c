-- One row: the human citation of one source document or dataset; key source_id.
with final as (
    select source_id, cite_as, title, publisher, edition, vintage, licence
    from dim_source
    where source_id = $source_id
)

select * from final
