-- One row per source (document or dataset) with its title, short title and full citation; key source_id.
with final as (
    select source_id, title, short_title, citation
    from dim_source
    order by source_id
)

select * from final
