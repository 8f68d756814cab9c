-- One row per data-quality finding about the 2016 overview table's printed totals; key finding_id.
with overview_section as (
    select distinct source_section from fct_funding_overview where edition = $edition
),

final as (
    select finding.*, source.title as document
    from dq_finding as finding
    inner join dim_source as source using (source_id)
    where finding.topic = 'funding'
        and finding.source_section in (select source_section from overview_section)
    order by finding.check_name, finding.finding_id
)

select * from final
