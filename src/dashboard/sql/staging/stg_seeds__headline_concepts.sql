-- One row per headline concept and candidate indicator; key (concept, preference).
with final as (
    select concept, concept_name, unit, preference, indicator_code, scale, why
    from raw_headline_concepts
)

select * from final
