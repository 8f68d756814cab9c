-- One row per year offered for the map indicator: its years within the sidebar's range, or all its years when none falls in it; key year.
with years as (
    select distinct year from fct_indicator_value where indicator_code = $code
),

in_range as (
    select year from years where year between $year_from and $year_to
),

final as (
    select year, exists (select 1 from in_range) as in_filter_range
    from years
    where year between $year_from and $year_to or not exists (select 1 from in_range)
    order by year
)

select * from final
