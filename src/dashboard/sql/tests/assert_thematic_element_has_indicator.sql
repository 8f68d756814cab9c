-- Offending rows: thematic elements (priorities, areas, objectives, MiGOF, programmatic areas) with no indicator and no stated reason why.
with thematic as (
    select element_id from dim_strategy_element
    where element_type in (
        'pillar', 'strategic_priority', 'thematic_area', 'thematic_objective', 'principle',
        'objective'
    )
    union all
    select programmatic_area from dim_programmatic_area
)

select thematic.element_id
from thematic
where thematic.element_id not in (select element_id from bridge_theme_indicator)
