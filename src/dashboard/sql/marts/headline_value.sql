-- One row per headline concept, scope and year: the figure the headline rule picks; key (concept, scope_type, scope_id, year).
-- The rule (docs/HEADLINES.md): for a concept, scope and year, each candidate indicator gives the
-- scope's figure (sum of counts, weighted mean of shares, a share as is for one country). A
-- candidate is complete in a year when no country of the scope that it reported in its previous
-- year drops out. The chosen figure is the most preferred complete candidate (or, if none is
-- complete, the most preferred one); the next one is named as the alternative. The headline
-- (is_headline) is the latest year with a complete figure, so "latest year" comes first and
-- "preferred source" second. dashboard.queries.headline runs this same text for any selection of
-- countries by defining a CTE named dim_headline_scope, which takes the place of the table below.
with scope_member as (
    select scope_type, scope_id, iso3 from dim_headline_scope
),

scope_size as (
    select scope_type, scope_id, count(*) as countries_in_scope
    from scope_member
    group by scope_type, scope_id
),

candidate as (
    select
        candidate.concept,
        candidate.preference,
        candidate.indicator_code,
        candidate.scale,
        indicator.source_id,
        indicator.aggregation,
        indicator.weight_indicator_code
    from dim_headline_candidate as candidate
    inner join dim_indicator as indicator using (indicator_code)
),

observed as (
    select
        candidate.concept,
        candidate.preference,
        candidate.indicator_code,
        candidate.source_id,
        candidate.aggregation,
        candidate.scale,
        member.scope_type,
        member.scope_id,
        value.iso3,
        value.year,
        value.value,
        weight.value as weight
    from candidate
    inner join fct_indicator_value as value using (indicator_code)
    inner join scope_member as member using (iso3)
    left join fct_indicator_value as weight
        on weight.indicator_code = candidate.weight_indicator_code
        and weight.iso3 = value.iso3
        and weight.year = value.year
),

candidate_years as (
    select
        concept, indicator_code, scope_type, scope_id, year,
        lag(year) over (
            partition by concept, indicator_code, scope_type, scope_id order by year
        ) as previous_year
    from (select distinct concept, indicator_code, scope_type, scope_id, year from observed)
),

-- Countries that reported in the candidate's previous year but not in this one.
coverage as (
    select
        years.concept, years.indicator_code, years.scope_type, years.scope_id, years.year,
        count(before.iso3) filter (where now.iso3 is null) as countries_dropped
    from candidate_years as years
    left join observed as before
        on before.concept = years.concept
        and before.indicator_code = years.indicator_code
        and before.scope_type = years.scope_type
        and before.scope_id = years.scope_id
        and before.year = years.previous_year
    left join observed as now
        on now.concept = years.concept
        and now.indicator_code = years.indicator_code
        and now.scope_type = years.scope_type
        and now.scope_id = years.scope_id
        and now.year = years.year
        and now.iso3 = before.iso3
    group by years.concept, years.indicator_code, years.scope_type, years.scope_id, years.year
),

aggregated as (
    select
        observed.concept,
        observed.preference,
        observed.indicator_code,
        observed.source_id,
        observed.scope_type,
        observed.scope_id,
        observed.year,
        any_value(observed.aggregation) as aggregation,
        count(*) as countries_reporting,
        any_value(size.countries_in_scope) as countries_in_scope,
        case
            when any_value(size.countries_in_scope) = 1
                then any_value(observed.value) * any_value(observed.scale)
            when any_value(observed.aggregation) = 'sum'
                then sum(observed.value) * any_value(observed.scale)
            when any_value(observed.aggregation) = 'weighted_mean' and count(observed.weight) = count(*)
                then sum(observed.value * observed.weight) / nullif(sum(observed.weight), 0)
                    * any_value(observed.scale)
        end as value
    from observed
    inner join scope_size as size using (scope_type, scope_id)
    group by
        observed.concept, observed.preference, observed.indicator_code, observed.source_id,
        observed.scope_type, observed.scope_id, observed.year
),

ranked as (
    select
        aggregated.*,
        coverage.countries_dropped,
        coverage.countries_dropped = 0 as is_complete,
        row_number() over (
            partition by aggregated.concept, aggregated.scope_type, aggregated.scope_id, aggregated.year
            order by (coverage.countries_dropped = 0) desc, aggregated.preference
        ) as rank,
        count(*) over (
            partition by aggregated.concept, aggregated.scope_type, aggregated.scope_id, aggregated.year
        ) as candidates_with_value
    from aggregated
    inner join coverage using (concept, indicator_code, scope_type, scope_id, year)
    where aggregated.value is not null
),

chosen as (
    select * from ranked where rank = 1
),

alternative as (
    select
        concept, scope_type, scope_id, year,
        indicator_code as alt_indicator_code,
        source_id as alt_source_id,
        value as alt_value
    from ranked
    where rank = 2
),

latest as (
    select
        concept, scope_type, scope_id,
        coalesce(max(year) filter (where is_complete), max(year)) as headline_year
    from chosen
    group by concept, scope_type, scope_id
),

final as (
    select
        chosen.concept,
        chosen.scope_type,
        chosen.scope_id,
        chosen.year,
        chosen.value,
        chosen.indicator_code,
        chosen.source_id,
        chosen.preference,
        chosen.aggregation,
        chosen.countries_reporting,
        chosen.countries_dropped,
        chosen.countries_in_scope,
        chosen.is_complete,
        chosen.year = latest.headline_year as is_headline,
        chosen.candidates_with_value,
        alternative.alt_indicator_code,
        alternative.alt_source_id,
        alternative.alt_value
    from chosen
    inner join latest using (concept, scope_type, scope_id)
    left join alternative using (concept, scope_type, scope_id, year)
)

select * from final
order by concept, scope_type, scope_id, year
