-- One row per requested link, series and year: each scope country's values, or (when the i-th
-- $aggregated is true) the scope's aggregate with its coverage; key (link_id, series, year).
-- The aggregate follows indicator_aggregate.sql: sums for counts, weighted means for shares.
with links as (
    select
        link_id,
        ($codes::varchar[])[link_id] as indicator_code,
        ($scopes::varchar[][])[link_id] as scope_iso3,
        ($aggregated::boolean[])[link_id] as aggregated
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
        and list_contains(flatten($scopes::varchar[][]), iso3)
        and year between $year_from and $year_to
),

weights as (
    select indicator_code as weight_indicator_code, iso3, year, value as weight
    from fct_indicator_value
    where indicator_code in (select weight_indicator_code from indicators)
        and list_contains(flatten($scopes::varchar[][]), iso3)
        and year between $year_from and $year_to
),

scope_values as (
    select
        links.link_id,
        links.aggregated,
        indicators.aggregation,
        observed.iso3,
        observed.year,
        observed.value,
        weights.weight,
        list_position(links.scope_iso3, observed.iso3) as country_order
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

per_country as (
    select
        link_id,
        country.name as series,
        year,
        value,
        1 as countries_reporting,
        country_order
    from scope_values
    inner join dim_country as country using (iso3)
    where not aggregated
),

aggregated as (
    select
        link_id,
        null::varchar as series,
        year,
        case any_value(aggregation)
            when 'sum' then sum(value)
            when 'weighted_mean' then sum(value * weight) / nullif(sum(weight) filter (where weight is not null), 0)
        end as value,
        count(*) as countries_reporting,
        0 as country_order
    from scope_values
    where aggregated
    group by link_id, year
),

final as (
    select link_id, series, year, value, countries_reporting
    from (select * from per_country union all select * from aggregated)
    order by link_id, country_order, year
)

select * from final
