-- Offending rows: crosswalk links pointing at an element or programmatic area that does not exist.
select crosswalk.from_element_id, crosswalk.to_id, crosswalk.to_kind
from bridge_crosswalk as crosswalk
where (crosswalk.to_kind = 'strategy_element'
        and crosswalk.to_id not in (select element_id from dim_strategy_element))
    or (crosswalk.to_kind = 'programmatic_area'
        and crosswalk.to_id not in (select programmatic_area from dim_programmatic_area))
