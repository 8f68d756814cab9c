-- Offending rows: glossary terms linked to a strategy element that does not exist.
select term, related_element_id
from dim_glossary_term
where related_element_id is not null
    and related_element_id not in (select element_id from dim_strategy_element)
    and related_element_id not in (select programmatic_area from dim_programmatic_area)
