-- Offending rows: weighted indicators without an existing weight indicator from the same source.
select indicator.indicator_code, indicator.weight_indicator_code
from dim_indicator as indicator
left join dim_indicator as weight on weight.indicator_code = indicator.weight_indicator_code
where indicator.aggregation = 'weighted_mean'
    and (weight.indicator_code is null or weight.source_id <> indicator.source_id)
