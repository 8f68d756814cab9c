-- Offending rows: catalogued indicators with no value in the extract.
select indicator_code from dim_indicator where country_count = 0
