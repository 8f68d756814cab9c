-- Offending rows: anything but exactly one Regional Office.
select count(*) as regional_offices
from dim_office
where office_type = 'regional'
having count(*) <> 1
