-- Offending rows: a country headline value that is not the chosen indicator's published value x scale.
select headline.concept, headline.scope_id, headline.year, headline.value, value.value
from headline_value as headline
inner join dim_headline_candidate as candidate
    on candidate.concept = headline.concept and candidate.indicator_code = headline.indicator_code
left join fct_indicator_value as value
    on value.indicator_code = headline.indicator_code
    and value.iso3 = headline.scope_id
    and value.year = headline.year
where headline.scope_type = 'country'
    and (value.value is null or abs(headline.value - value.value * candidate.scale) > 1e-6 * greatest(1, abs(headline.value)))
