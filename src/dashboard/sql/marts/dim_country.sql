-- One row per country or territory of the region (20); key iso3.
with countries as (
    select * from stg_seeds__countries
),

country_names as (
    select key as iso3, display_name, label from dim_display_name where kind = 'country'
),

city_names as (
    select key as capital, display_name as capital_display, on_map as capital_on_map
    from dim_display_name
    where kind = 'city'
),

capitals as (
    select place_key as iso3, lat as capital_lat, lon as capital_lon
    from stg_gazetteer__places
    where kind = 'capital'
),

names_2015 as (
    select iso3, name_as_published as name_2015_strategy, iom_status as iom_status_2014
    from stg_seeds__country_names
    where source_id = 'iom_seeeca_strategy_2015_2020'
),

names_2020 as (
    select iso3, name_as_published as name_2020_strategy, iom_status as iom_status_2020
    from stg_seeds__country_names
    where source_id = 'iom_seeeca_strategy_2020_2024'
),

office_counts as (
    select iso3, count(*) as office_count
    from stg_seeds__offices
    where office_type in ('country', 'sub-office')
    group by iso3
),

final as (
    select
        countries.iso3,
        country_names.label as name,
        country_names.display_name,
        countries.name as name_as_transcribed,
        countries.subregion,
        countries.subregion_basis,
        city_names.capital_display as capital,
        city_names.capital_on_map,
        capitals.capital_lat,
        capitals.capital_lon,
        names_2015.name_2015_strategy,
        names_2015.iom_status_2014,
        names_2020.name_2020_strategy,
        names_2020.iom_status_2020,
        coalesce(office_counts.office_count, 0) as office_count,
        countries.source_id,
        countries.source_section
    from countries
    left join country_names using (iso3)
    left join city_names using (capital)
    left join capitals using (iso3)
    left join names_2015 using (iso3)
    left join names_2020 using (iso3)
    left join office_counts using (iso3)
)

select * from final
