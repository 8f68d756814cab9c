-- One row: the first and last year with any indicator value.
with final as (
    select min(year) as year_min, max(year) as year_max from fct_indicator_value
)

select * from final
