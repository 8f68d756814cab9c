-- One row per data-quality finding on how the documents print IOM membership status; key finding_id.
with final as (
    select finding.*, source.cite_as as document
    from dq_finding as finding
    inner join dim_source as source using (source_id)
    where finding.subject ilike '%membership status%'
    order by finding.finding_id
)

select * from final
