-- One row per source document or official dataset; key source_id.
with final as (
    select source_id, kind, title, short_title, publisher, edition, vintage, licence, citation, file, note
    from stg_meta__sources
)

select * from final
