-- One row per requested indicator and region country with a value in the years; key (indicator_code, iso3).
-- The country's latest value in the years; its rank among the region's countries with a value in
-- that same year (largest first), and per inhabitant where the indicator is a count (population of
-- that year or, not yet published for it, of the latest year before: UNHCR publishes a year ahead);
-- its first value in the years (for the change); the latest year any region country has a value.
with region_values as (
    select value.indicator_code, value.iso3, value.year, value.value
    from fct_indicator_value as value
    inner join dim_country using (iso3)
    where list_contains($codes::varchar[], value.indicator_code)
        and value.year between $year_from and $year_to
),

population as (
    select iso3, year, value as population
    from fct_indicator_value
    where indicator_code = $population_code and value > 0
),

with_population as (
    select
        region_values.*,
        population.year as population_year,
        population.population
    from region_values
    asof left join population
        on region_values.iso3 = population.iso3 and region_values.year >= population.year
),

per_inhabitant as (
    select
        with_population.*,
        case
            when indicator.unit in ('persons', 'current US$')
                then with_population.value / with_population.population
        end as value_per_inhabitant
    from with_population
    inner join dim_indicator as indicator using (indicator_code)
),

ranked as (
    select
        *,
        rank() over (partition by indicator_code, year order by value desc) as rank,
        count(*) over (partition by indicator_code, year) as countries_ranked,
        case when value_per_inhabitant is not null then
            rank() over (
                partition by indicator_code, year
                order by value_per_inhabitant desc nulls last
            )
        end as rank_per_inhabitant,
        count(value_per_inhabitant) over (partition by indicator_code, year)
            as countries_ranked_per_inhabitant
    from per_inhabitant
),

span as (
    select
        indicator_code,
        iso3,
        max(year) as year,
        min(year) as first_year,
        arg_min(value, year) as first_value
    from region_values
    group by indicator_code, iso3
),

final as (
    select
        span.indicator_code,
        span.iso3,
        span.year,
        ranked.value,
        ranked.rank,
        ranked.countries_ranked,
        ranked.value_per_inhabitant,
        ranked.rank_per_inhabitant,
        ranked.countries_ranked_per_inhabitant,
        ranked.population_year,
        span.first_year,
        span.first_value,
        max(span.year) over (partition by span.indicator_code) as latest_year_in_region
    from span
    inner join ranked using (indicator_code, iso3, year)
    order by span.indicator_code, ranked.rank, span.iso3
)

select * from final
