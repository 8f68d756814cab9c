-- Offending rows: crosswalk links whose either end is not an existing element or programmatic area.
with ends as (
    select from_element_id as id, from_kind as kind, from_element_id, to_id from bridge_crosswalk
    union all
    select to_id, to_kind, from_element_id, to_id from bridge_crosswalk
)

select ends.*
from ends
where (ends.kind = 'strategy_element'
        and ends.id not in (select element_id from dim_strategy_element))
    or (ends.kind = 'programmatic_area'
        and ends.id not in (select programmatic_area from dim_programmatic_area))
