-- Offending rows: a corridor with neither end in the region.
select corridor.origin_iso3, corridor.destination_iso3, corridor.year
from fct_migrant_corridor as corridor
where corridor.origin_iso3 not in (select iso3 from dim_country)
    and corridor.destination_iso3 not in (select iso3 from dim_country)
