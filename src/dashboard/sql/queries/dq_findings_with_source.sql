-- One row per data-quality finding with its document, optionally limited to topics and checks (empty list = all); key finding_id.
with final as (
    select
        finding.finding_id,
        finding.topic,
        finding.check_name,
        finding.subject,
        finding.expected,
        finding.published,
        finding.difference,
        source.cite_as as document,
        source.file as document_file,
        finding.source_section,
        finding.note
    from dq_finding as finding
    inner join dim_source as source using (source_id)
    where (len($topics::varchar[]) = 0 or list_contains($topics::varchar[], finding.topic))
        and (len($checks::varchar[]) = 0 or list_contains($checks::varchar[], finding.check_name))
    order by finding.topic, finding.check_name, finding.finding_id
)

select * from final
