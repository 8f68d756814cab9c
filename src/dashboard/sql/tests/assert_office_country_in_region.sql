-- Offending rows: country offices and sub-offices outside the 20 countries and territories.
select office_id, iso3
from dim_office
where office_type <> 'regional'
    and iso3 not in (select iso3 from dim_country)
