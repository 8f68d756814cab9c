-- One row per USD requirement stated in the Migration Initiatives 2016 narratives; key initiative_id.
with final as (
    select
        initiative_id, migof_element_id, chapter_title, title, region, iso3, usd, quote,
        source_id, source_section
    from stg_seeds__initiatives
)

select * from final
