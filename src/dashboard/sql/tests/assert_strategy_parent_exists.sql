-- Offending rows: strategy elements whose parent is not an element of the same framework.
select child.element_id, child.parent_id
from dim_strategy_element as child
left join dim_strategy_element as parent on parent.element_id = child.parent_id
where child.parent_id is not null
    and (parent.element_id is null or parent.framework <> child.framework)
