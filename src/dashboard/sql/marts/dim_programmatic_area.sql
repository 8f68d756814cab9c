-- One row per programmatic area of the Migration Initiatives 2016 funding tables; key programmatic_area.
with final as (
    select programmatic_area, name_as_published, sort_order from raw_programmatic_areas
)

select * from final
