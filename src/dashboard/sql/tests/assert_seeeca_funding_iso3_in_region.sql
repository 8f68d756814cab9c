-- Offending rows: SEEECA funding rows whose ISO3 is not one of the 20 countries and territories.
select distinct country_or_programme, iso3
from fct_funding_requirement
where region = 'seeeca' and iso3 is not null
    and iso3 not in (select iso3 from dim_country)
