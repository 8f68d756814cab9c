-- Offending rows: official values outside what their unit allows (bounds in the catalogue):
-- negative counts, shares beyond 0-100, amounts absurdly large for their unit.
select
    value.indicator_code,
    value.iso3,
    value.year,
    value.value,
    indicator.unit,
    indicator.lowest_plausible,
    indicator.highest_plausible
from fct_indicator_value as value
inner join dim_indicator as indicator using (indicator_code)
where value.value < indicator.lowest_plausible or value.value > indicator.highest_plausible
order by value.indicator_code, value.iso3, value.year
