-- Offending rows: initiatives filed under something other than a MiGOF principle or objective.
select initiative.initiative_id, initiative.migof_element_id
from fct_initiative as initiative
inner join dim_strategy_element as element on element.element_id = initiative.migof_element_id
where element.framework <> 'migof'
