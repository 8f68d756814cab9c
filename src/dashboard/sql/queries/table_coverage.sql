-- One row per table the build counted, with its row count and the countries and years it covers; key table_name.
-- Coverage counts only the 20 countries and territories of the region (the Regional Office in
-- Austria is not one of them); tables without a country or year column have nulls there.
with region as (
    select iso3 from dim_country
),

country_columns as (
    select 'dim_country' as table_name, iso3 from dim_country
    union all
    select 'dim_country_name', iso3 from dim_country_name
    union all
    select 'dim_office', iso3 from dim_office
    union all
    select 'fct_funding_requirement', iso3 from fct_funding_requirement
    union all
    select 'fct_key_figure', iso3 from fct_key_figure
    union all
    select 'fct_initiative', iso3 from fct_initiative
    union all
    select 'fct_indicator_value', iso3 from fct_indicator_value
    union all
    select 'dim_headline_scope', iso3 from dim_headline_scope
),

countries as (
    select table_name, count(distinct iso3) as country_count
    from country_columns
    inner join region using (iso3)
    group by table_name
),

year_columns as (
    select 'fct_indicator_value' as table_name, year from fct_indicator_value
    union all
    select 'fct_key_figure', year from fct_key_figure
    union all
    select 'fct_funding_overview', edition from fct_funding_overview
    union all
    select 'fct_funding_requirement', edition from fct_funding_requirement
    union all
    select 'published_total', edition from published_total
    union all
    select 'headline_value', year from headline_value
),

years as (
    select table_name, min(year) as year_from, max(year) as year_to
    from year_columns
    group by table_name
),

final as (
    select
        counted.table_name,
        counted.row_count,
        countries.country_count,
        years.year_from,
        years.year_to
    from build_row_count as counted
    left join countries using (table_name)
    left join years using (table_name)
    order by counted.table_name
)

select * from final
