-- Offending rows: values whose source differs from their indicator's catalogued source.
select value.indicator_code, value.iso3, value.year, value.source_id, indicator.source_id
from fct_indicator_value as value
inner join dim_indicator as indicator using (indicator_code)
where value.source_id <> indicator.source_id
