-- One row per headline concept and year of one scope, with names, source and alternative; key (concept, year).
with figures as (
    select * from headline_value
    where scope_type = $scope_type
        and scope_id = $scope_id
        and ($concepts::varchar[] is null or list_contains($concepts::varchar[], concept))
        and (is_headline or not $latest_only)
),

final as (
    select
        figures.concept,
        candidate.concept_name,
        candidate.unit,
        figures.scope_type,
        figures.scope_id,
        figures.year,
        figures.value,
        figures.indicator_code,
        indicator.name as indicator_name,
        figures.source_id,
        source.short_title as source_title,
        source.vintage as source_vintage,
        source.licence as source_licence,
        source.cite_as as source_cite_as,
        figures.countries_reporting,
        figures.countries_dropped,
        figures.countries_in_scope,
        figures.is_complete,
        figures.is_headline,
        figures.alt_indicator_code,
        alt_source.short_title as alt_source_title,
        figures.alt_value,
        indicator.caveat,
        candidate.why
    from figures
    inner join dim_headline_candidate as candidate
        on candidate.concept = figures.concept and candidate.indicator_code = figures.indicator_code
    inner join dim_indicator as indicator on indicator.indicator_code = figures.indicator_code
    inner join dim_source as source on source.source_id = figures.source_id
    left join dim_source as alt_source on alt_source.source_id = figures.alt_source_id
)

select * from final
order by concept, year
