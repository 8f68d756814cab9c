-- Offending rows: a headline concept whose candidates disagree on its name or unit.
select concept, count(distinct concept_name) as names, count(distinct unit) as units
from dim_headline_candidate
group by concept
having count(distinct concept_name) > 1 or count(distinct unit) > 1
