-- One row per headline concept and region country with a figure in the years; key (concept, iso3).
-- The country's figure by the headline rule (mart headline_value, docs/HEADLINES.md) in its latest
-- year in the years; its rank among the region's countries with a figure that year (largest first)
-- and per inhabitant where the concept is a count (population of that year or, not yet published
-- for it, of the latest year before: UNHCR publishes a year ahead); the first figure in the years
-- of the same indicator (a change never spans two sources or editions); the source and the
-- alternative the rule names; the latest year any region country has a figure.
with figures as (
    select
        value.concept,
        value.scope_id as iso3,
        value.year,
        value.value,
        value.indicator_code,
        value.source_id,
        value.alt_indicator_code,
        value.alt_value
    from headline_value as value
    inner join dim_country as country on country.iso3 = value.scope_id
    where value.scope_type = 'country'
        and list_contains($concepts::varchar[], value.concept)
        and value.year between $year_from and $year_to
        and value.value is not null
),

concept_unit as (
    select concept, any_value(unit) as unit, any_value(concept_name) as concept_name
    from dim_headline_candidate
    group by concept
),

population as (
    select iso3, year, value as population
    from fct_indicator_value
    where indicator_code = $population_code and value > 0
),

with_population as (
    select figures.*, population.year as population_year, population.population
    from figures
    asof left join population
        on figures.iso3 = population.iso3 and figures.year >= population.year
),

per_inhabitant as (
    select
        with_population.*,
        concept_unit.unit,
        concept_unit.concept_name,
        case
            when concept_unit.unit in ('persons', 'current US$')
                then with_population.value / with_population.population
        end as value_per_inhabitant
    from with_population
    inner join concept_unit using (concept)
),

ranked as (
    select
        *,
        rank() over (partition by concept, year order by value desc) as rank,
        count(*) over (partition by concept, year) as countries_ranked,
        case when value_per_inhabitant is not null then
            rank() over (
                partition by concept, year order by value_per_inhabitant desc nulls last
            )
        end as rank_per_inhabitant,
        count(value_per_inhabitant) over (partition by concept, year)
            as countries_ranked_per_inhabitant
    from per_inhabitant
),

latest as (
    select concept, iso3, max(year) as year
    from figures
    group by concept, iso3
),

first_of_indicator as (
    select
        figures.concept,
        figures.iso3,
        figures.indicator_code,
        min(figures.year) as first_year,
        arg_min(figures.value, figures.year) as first_value
    from figures
    group by figures.concept, figures.iso3, figures.indicator_code
),

final as (
    select
        ranked.concept,
        ranked.concept_name,
        ranked.unit,
        ranked.iso3,
        ranked.year,
        ranked.value,
        ranked.indicator_code,
        source.short_title as source_title,
        source.licence as source_licence,
        source.cite_as as source_cite_as,
        ranked.alt_indicator_code,
        ranked.alt_value,
        ranked.rank,
        ranked.countries_ranked,
        ranked.value_per_inhabitant,
        ranked.rank_per_inhabitant,
        ranked.countries_ranked_per_inhabitant,
        ranked.population_year,
        first_of_indicator.first_year,
        first_of_indicator.first_value,
        max(ranked.year) over (partition by ranked.concept) as latest_year_in_region
    from ranked
    inner join latest using (concept, iso3, year)
    inner join first_of_indicator using (concept, iso3, indicator_code)
    inner join dim_source as source on source.source_id = ranked.source_id
    order by ranked.concept, ranked.rank, ranked.iso3
)

select * from final
