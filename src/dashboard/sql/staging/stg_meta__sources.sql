-- One row per source: the seed documents and the official datasets read by the ingestion; key source_id.
with documents as (
    select * from raw_sources
),

datasets as (
    select * from raw_dataset_sources
),

final as (
    select * from documents
    union all by name
    select * from datasets
)

select * from final
