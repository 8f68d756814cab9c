-- One row per headline concept and candidate indicator, in order of preference; key (concept, preference).
with final as (
    select
        candidate.concept,
        candidate.concept_name,
        candidate.unit,
        candidate.preference,
        candidate.indicator_code,
        indicator.family,
        indicator.name as indicator_name,
        source.short_title as source_title,
        source.vintage as source_vintage,
        indicator.first_year,
        indicator.last_year,
        candidate.scale,
        candidate.why
    from dim_headline_candidate as candidate
    inner join dim_indicator as indicator using (indicator_code)
    inner join dim_source as source on source.source_id = candidate.source_id
)

select * from final
order by concept, preference
