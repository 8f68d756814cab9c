-- One row per data-quality finding whose subject names the country, a name it is printed under, or one of its offices; key finding_id.
with names as (
    select name as term from dim_country where iso3 = $iso3
    union
    select name_as_published from dim_country_name where iso3 = $iso3
    union
    select city from dim_office where iso3 = $iso3
    union
    select city_as_published from dim_office where iso3 = $iso3
    union
    select figure_id from fct_key_figure where iso3 = $iso3
),

final as (
    select finding.*, source.cite_as as document, source.file
    from dq_finding as finding
    inner join dim_source as source using (source_id)
    where exists (
        select 1 from names
        where length(names.term) >= 4 and contains(lower(finding.subject), lower(names.term))
    )
    order by finding.topic, finding.finding_id
)

select * from final
