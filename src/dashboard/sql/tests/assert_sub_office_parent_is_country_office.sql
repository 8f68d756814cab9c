-- Offending rows: sub-offices whose parent is missing, not a country office, or in another country.
select sub.office_id, sub.parent_office_id, parent.office_type, parent.iso3
from dim_office as sub
left join dim_office as parent on parent.office_id = sub.parent_office_id
where sub.office_type = 'sub-office'
    and (parent.office_id is null or parent.office_type <> 'country' or parent.iso3 <> sub.iso3)
