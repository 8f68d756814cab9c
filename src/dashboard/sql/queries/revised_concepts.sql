-- One row per headline concept with at least one country-year given by two of its sources, with its name; key concept.
select distinct value.concept, candidate.concept_name
from headline_value as value
inner join dim_headline_candidate as candidate
    on candidate.concept = value.concept and candidate.indicator_code = value.indicator_code
where value.scope_type = 'country' and value.alt_value is not null
order by value.concept
