-- One row per IOM region of the Migration Initiatives 2016 funding tables; key region.
with final as (
    select region, name_as_published, sort_order from raw_iom_regions
)

select * from final
