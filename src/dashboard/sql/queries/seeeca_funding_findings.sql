-- One row per data-quality finding about the SEEECA 2016 funding figures; key finding_id.
with final as (
    select finding.*, source.title as document
    from dq_finding as finding
    inner join dim_source as source using (source_id)
    where finding.topic = 'funding'
        and (finding.subject ilike '%seeeca%' or finding.subject ilike '%overview%'
             or finding.finding_id ilike '%seeeca%')
    order by finding.finding_id
)

select * from final
