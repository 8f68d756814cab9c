-- Offending rows: a region country whose 2024 immigrants by origin do not add up to its UN DESA 2024 migrant stock.
with by_destination as (
    select destination_iso3 as iso3, sum(migrants) as migrants
    from fct_migrant_corridor
    where year = 2024
    group by destination_iso3
)

select stock.iso3, stock.value, by_destination.migrants
from fct_indicator_value as stock
left join by_destination using (iso3)
where stock.indicator_code = 'undesa2024.migrant_stock'
    and stock.year = 2024
    and stock.value is distinct from by_destination.migrants
