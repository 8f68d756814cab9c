-- Offending rows: Kosovo values from UN DESA or UNHCR, which fold Kosovo into Serbia (never invent a split).
select indicator_code, year, source_id
from fct_indicator_value
where iso3 = 'XKX' and (source_id ilike '%undesa%' or source_id ilike '%unhcr%' or source_id ilike '%owid%')
