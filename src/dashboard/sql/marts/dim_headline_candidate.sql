-- One row per headline concept and candidate indicator, in order of preference; key (concept, preference).
with candidates as (
    select * from stg_seeds__headline_concepts
),

final as (
    select
        candidates.concept,
        candidates.concept_name,
        candidates.unit,
        candidates.preference,
        candidates.indicator_code,
        indicator.source_id,
        candidates.scale,
        candidates.why
    from candidates
    left join stg_official__indicator_catalog as indicator using (indicator_code)
)

select * from final
order by concept, preference
