-- One row: how one indicator moved in a set of countries from the year nearest a strategy's
-- baseline to the latest year up to $year_to, and where the set stands in the region then; no key (a single row).
-- Both years are compared over the same countries (those reporting in both), so a change in
-- coverage is never read as a change in migration. Aggregation follows the catalogue: sums for
-- counts, weighted means for shares, none (only per-country counts) otherwise.
with indicator as (
    select * from dim_indicator where indicator_code = $code
),

scope_values as (
    select value.iso3, value.year, value.value, weight.value as weight
    from fct_indicator_value as value
    cross join indicator
    left join fct_indicator_value as weight
        on weight.indicator_code = indicator.weight_indicator_code
        and weight.iso3 = value.iso3
        and weight.year = value.year
    where value.indicator_code = $code
        and list_contains($iso3::varchar[], value.iso3)
        and value.year <= $year_to
),

latest as (
    select max(year) as latest_year from scope_values
),

-- The nearest year to the baseline; on a tie the earlier one, which was known when the strategy was written.
baseline as (
    select arg_min(year, abs(year - $target_year) * 2 + (year > $target_year)::integer) as baseline_year
    from (select distinct year from scope_values)
),

endpoints as (
    select
        scope_values.iso3,
        max(value) filter (where year = baseline_year) as baseline_value,
        max(weight) filter (where year = baseline_year) as baseline_weight,
        max(value) filter (where year = latest_year) as latest_value,
        max(weight) filter (where year = latest_year) as latest_weight
    from scope_values
    cross join latest
    cross join baseline
    where year in (baseline_year, latest_year) and baseline_year < latest_year
    group by scope_values.iso3
),

matched as (
    select * from endpoints where baseline_value is not null and latest_value is not null
),

compared as (
    select
        count(*) as countries_compared,
        count(*) filter (where latest_value > baseline_value) as countries_up,
        count(*) filter (where latest_value < baseline_value) as countries_down,
        median(latest_value - baseline_value) as median_change,
        case any_value(indicator.aggregation)
            when 'sum' then sum(baseline_value)
            when 'weighted_mean' then sum(baseline_value * baseline_weight) / nullif(sum(baseline_weight), 0)
            else case when count(*) = 1 then any_value(baseline_value) end
        end as baseline_value,
        case any_value(indicator.aggregation)
            when 'sum' then sum(latest_value)
            when 'weighted_mean' then sum(latest_value * latest_weight) / nullif(sum(latest_weight), 0)
            else case when count(*) = 1 then any_value(latest_value) end
        end as latest_value
    from matched
    cross join indicator
),

region_latest as (
    select value.iso3, value.value
    from fct_indicator_value as value
    cross join latest
    where value.indicator_code = $code
        and list_contains($region_iso3::varchar[], value.iso3)
        and value.year = latest.latest_year
),

region_stats as (
    select median(value) as region_median, count(*) as region_countries
    from region_latest
),

scope_latest as (
    select
        region_latest.iso3,
        region_latest.value,
        rank() over (order by region_latest.value desc) as rank_in_region
    from region_latest
    qualify list_contains($iso3::varchar[], region_latest.iso3)
),

standing as (
    select
        count(*) as scope_countries_latest,
        count(*) filter (where value > region_median) as scope_above_median,
        count(*) filter (where value < region_median) as scope_below_median,
        count(*) filter (where value > 0) as scope_positive,
        count(*) filter (where value < 0) as scope_negative,
        min(rank_in_region) as best_rank,
        max(rank_in_region) as worst_rank
    from scope_latest
    cross join region_stats
),

latest_all as (
    select
        count(*) as latest_countries,
        case any_value(indicator.aggregation)
            when 'sum' then sum(value)
            when 'weighted_mean' then sum(value * weight) / nullif(sum(weight), 0)
            else case when count(*) = 1 then any_value(value) end
        end as latest_value_all
    from scope_values
    cross join latest
    cross join indicator
    where scope_values.year = latest.latest_year
),

not_compared as (
    select string_agg(country.name, ', ' order by list_position($iso3::varchar[], country.iso3)) as countries_not_compared
    from dim_country as country
    where list_contains($iso3::varchar[], country.iso3)
        and country.iso3 not in (select iso3 from matched)
),

final as (
    select
        $code::varchar as indicator_code,
        len($iso3::varchar[]) as scope_countries,
        baseline.baseline_year,
        latest.latest_year,
        compared.*,
        latest_all.*,
        region_stats.*,
        standing.*,
        not_compared.countries_not_compared
    from latest
    cross join baseline
    cross join compared
    cross join latest_all
    cross join region_stats
    cross join standing
    cross join not_compared
)

select * from final
