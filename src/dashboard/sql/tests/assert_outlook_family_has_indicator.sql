-- Offending rows: outlook links to an indicator family the official-data extract does not have.
select distinct link.indicator_family
from bridge_outlook_indicator as link
where link.indicator_family not in (select family from dim_indicator)
