-- One row per requested link (the i-th code, scope and baseline year): the indicator near the
-- baseline year and at its latest year up to $year_to, and where the scope stands in the region
-- then; key link_id (1-based, in request order).
-- Both years are compared over the same countries (those reporting in both), so a change in
-- coverage is never read as a change in migration. Aggregation follows the catalogue: sums for
-- counts, weighted means for shares, none (only per-country counts) otherwise. All links are
-- answered by one scan of the fact table.
with links as (
    select
        link_id,
        ($codes::varchar[])[link_id] as indicator_code,
        ($scopes::varchar[][])[link_id] as scope_iso3,
        ($targets::integer[])[link_id] as target_year
    from range(1, len($codes::varchar[]) + 1) as link_range (link_id)
),

indicators as (
    select indicator_code, aggregation, weight_indicator_code
    from dim_indicator
    where list_contains($codes::varchar[], indicator_code)
),

observed as (
    select indicator_code, iso3, year, value
    from fct_indicator_value
    where list_contains($codes::varchar[], indicator_code)
        and list_contains($region_iso3::varchar[], iso3)
        and year <= $year_to
),

weights as (
    select indicator_code as weight_indicator_code, iso3, year, value as weight
    from fct_indicator_value
    where indicator_code in (select weight_indicator_code from indicators)
        and list_contains($region_iso3::varchar[], iso3)
        and year <= $year_to
),

scope_values as (
    select links.link_id, observed.iso3, observed.year, observed.value, weights.weight
    from links
    inner join observed
        on observed.indicator_code = links.indicator_code
        and list_contains(links.scope_iso3, observed.iso3)
    inner join indicators on indicators.indicator_code = links.indicator_code
    left join weights
        on weights.weight_indicator_code = indicators.weight_indicator_code
        and weights.iso3 = observed.iso3
        and weights.year = observed.year
),

latest as (
    select link_id, max(year) as latest_year from scope_values group by link_id
),

-- The nearest year to the baseline; on a tie the earlier one, which was known when the strategy was written.
baseline as (
    select
        link_id,
        arg_min(year, abs(year - target_year) * 2 + (year > target_year)::integer) as baseline_year
    from (select distinct link_id, year from scope_values)
    inner join links using (link_id)
    group by link_id
),

endpoints as (
    select
        scope_values.link_id,
        scope_values.iso3,
        max(value) filter (where year = baseline_year) as baseline_value,
        max(weight) filter (where year = baseline_year) as baseline_weight,
        max(value) filter (where year = latest_year) as latest_value,
        max(weight) filter (where year = latest_year) as latest_weight
    from scope_values
    inner join latest using (link_id)
    inner join baseline using (link_id)
    where year in (baseline_year, latest_year) and baseline_year < latest_year
    group by scope_values.link_id, scope_values.iso3
),

matched as (
    select * from endpoints where baseline_value is not null and latest_value is not null
),

compared as (
    select
        matched.link_id,
        count(*) as countries_compared,
        count(*) filter (where latest_value > baseline_value) as countries_up,
        count(*) filter (where latest_value < baseline_value) as countries_down,
        median(latest_value - baseline_value) as median_change,
        case any_value(indicators.aggregation)
            when 'sum' then sum(baseline_value)
            when 'weighted_mean' then sum(baseline_value * baseline_weight) / nullif(sum(baseline_weight), 0)
            else case when count(*) = 1 then any_value(baseline_value) end
        end as baseline_value,
        case any_value(indicators.aggregation)
            when 'sum' then sum(latest_value)
            when 'weighted_mean' then sum(latest_value * latest_weight) / nullif(sum(latest_weight), 0)
            else case when count(*) = 1 then any_value(latest_value) end
        end as latest_value
    from matched
    inner join links using (link_id)
    inner join indicators using (indicator_code)
    group by matched.link_id
),

latest_all as (
    select
        scope_values.link_id,
        count(*) as latest_countries,
        case any_value(indicators.aggregation)
            when 'sum' then sum(value)
            when 'weighted_mean' then sum(value * weight) / nullif(sum(weight), 0)
            else case when count(*) = 1 then any_value(value) end
        end as latest_value_all
    from scope_values
    inner join latest using (link_id)
    inner join links using (link_id)
    inner join indicators using (indicator_code)
    where scope_values.year = latest.latest_year
    group by scope_values.link_id
),

region_latest as (
    select
        links.link_id,
        observed.iso3,
        observed.value,
        list_contains(links.scope_iso3, observed.iso3) as in_scope,
        rank() over (partition by links.link_id order by observed.value desc) as rank_in_region,
        median(observed.value) over (partition by links.link_id) as region_median,
        count(*) over (partition by links.link_id) as region_countries
    from links
    inner join latest using (link_id)
    inner join observed
        on observed.indicator_code = links.indicator_code
        and observed.year = latest.latest_year
),

standing as (
    select
        link_id,
        any_value(region_median) as region_median,
        any_value(region_countries) as region_countries,
        count(*) filter (where in_scope) as scope_countries_latest,
        count(*) filter (where in_scope and value > region_median) as scope_above_median,
        count(*) filter (where in_scope and value < region_median) as scope_below_median,
        count(*) filter (where in_scope and value > 0) as scope_positive,
        count(*) filter (where in_scope and value < 0) as scope_negative,
        min(rank_in_region) filter (where in_scope) as best_rank,
        max(rank_in_region) filter (where in_scope) as worst_rank
    from region_latest
    group by link_id
),

not_compared as (
    select
        links.link_id,
        string_agg(country.name, ', ' order by list_position(links.scope_iso3, country.iso3))
            filter (where matched.iso3 is null) as countries_not_compared
    from links
    inner join dim_country as country on list_contains(links.scope_iso3, country.iso3)
    left join matched on matched.link_id = links.link_id and matched.iso3 = country.iso3
    group by links.link_id
),

final as (
    select
        links.link_id,
        links.indicator_code,
        len(links.scope_iso3) as scope_countries,
        baseline.baseline_year,
        latest.latest_year,
        coalesce(compared.countries_compared, 0) as countries_compared,
        coalesce(compared.countries_up, 0) as countries_up,
        coalesce(compared.countries_down, 0) as countries_down,
        compared.median_change,
        compared.baseline_value,
        compared.latest_value,
        coalesce(latest_all.latest_countries, 0) as latest_countries,
        latest_all.latest_value_all,
        standing.region_median,
        coalesce(standing.region_countries, 0) as region_countries,
        coalesce(standing.scope_countries_latest, 0) as scope_countries_latest,
        coalesce(standing.scope_above_median, 0) as scope_above_median,
        coalesce(standing.scope_below_median, 0) as scope_below_median,
        coalesce(standing.scope_positive, 0) as scope_positive,
        coalesce(standing.scope_negative, 0) as scope_negative,
        standing.best_rank,
        standing.worst_rank,
        not_compared.countries_not_compared
    from links
    left join baseline using (link_id)
    left join latest using (link_id)
    left join compared using (link_id)
    left join latest_all using (link_id)
    left join standing using (link_id)
    left join not_compared using (link_id)
    order by links.link_id
)

select * from final
