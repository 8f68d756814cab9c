-- One row per data-quality finding about office names, towns and contact details; key finding_id.
with final as (
    select finding.*, source.cite_as as document
    from dq_finding as finding
    inner join dim_source as source using (source_id)
    where finding.topic = 'offices'
    order by finding.source_id desc, finding.finding_id
)

select * from final
