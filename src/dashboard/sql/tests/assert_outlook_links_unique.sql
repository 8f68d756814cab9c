-- Offending rows: the same statement, indicator family and scope linked twice.
select statement_id, indicator_family, iso3_scope, count(*) as links
from bridge_outlook_indicator
group by all
having count(*) > 1
