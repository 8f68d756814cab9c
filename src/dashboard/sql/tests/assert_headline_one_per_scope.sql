-- Offending rows: a concept and scope without exactly one headline year.
select concept, scope_type, scope_id, count(*) filter (where is_headline) as headlines
from headline_value
group by concept, scope_type, scope_id
having count(*) filter (where is_headline) <> 1
