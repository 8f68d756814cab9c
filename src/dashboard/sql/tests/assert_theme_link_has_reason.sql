-- Offending rows: theme-indicator links whose reason is missing, a document link without its source and section, or a family the extract does not have.
select element_id, indicator_family, basis
from bridge_theme_indicator
where length(trim(coalesce(reason, ''))) = 0
    or (basis = 'document' and (source_id is null or source_section is null))
    or (basis = 'judgement' and reason not like 'Dashboard judgement%' and indicator_family is not null)
    or (indicator_family is not null and indicator_family not in (select family from dim_indicator))
