-- One row per indicator and year: the selected countries' aggregate, with coverage; key (indicator_code, year).
-- Counts are summed; shares are weighted by their catalogued weight (never an average of percentages).
with selected as (
    select unnest($iso3::varchar[]) as iso3
),

indicators as (
    select * from dim_indicator where list_contains($codes::varchar[], indicator_code)
),

observed as (
    select value.*
    from fct_indicator_value as value
    inner join selected using (iso3)
    inner join indicators using (indicator_code)
    where value.year between $year_from and $year_to
),

joined as (
    select
        observed.indicator_code,
        observed.year,
        observed.iso3,
        observed.value,
        indicators.aggregation,
        weight.value as weight
    from observed
    inner join indicators using (indicator_code)
    left join fct_indicator_value as weight
        on weight.indicator_code = indicators.weight_indicator_code
        and weight.iso3 = observed.iso3
        and weight.year = observed.year
),

final as (
    select
        indicator_code,
        year,
        case any_value(aggregation)
            when 'sum' then sum(value)
            when 'weighted_mean' then
                sum(value * weight) / nullif(sum(weight) filter (where weight is not null), 0)
            else case when count(*) = 1 then any_value(value) end
        end as value,
        count(*) as countries_reporting,
        count(weight) as countries_weighted,
        (select count(*) from selected) as countries_selected,
        string_agg(iso3, ', ' order by iso3) as iso3_reporting
    from joined
    group by indicator_code, year
    order by indicator_code, year
)

select * from final
