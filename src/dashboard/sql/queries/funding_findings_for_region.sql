-- One row per data-quality finding about one region's 2016 funding figures (its table and its overview column); key finding_id.
-- Findings name the region in their id, their subject or the section of its table.
with region as (
    select * from dim_iom_region where region = $region
),

final as (
    select finding.*, source.title as document
    from dq_finding as finding
    inner join dim_source as source using (source_id)
    cross join region
    where finding.topic = 'funding'
        and (
            ends_with(finding.finding_id, ':' || region.region)
            or contains(finding.finding_id, ':' || region.region || ':')
            or finding.subject = region.region
            or starts_with(finding.subject, region.region || ' /')
            or starts_with(finding.source_section, 'Funding requirements: ' || region.name_as_published || ' (')
        )
    order by finding.check_name, finding.finding_id
)

select * from final
