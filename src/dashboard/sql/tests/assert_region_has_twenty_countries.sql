-- Offending rows: the region's country count when it is not the 20 of both strategies.
select count(*) as country_count
from dim_country
having count(*) <> 20
