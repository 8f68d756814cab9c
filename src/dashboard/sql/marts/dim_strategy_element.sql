-- One row per element of a strategic framework; key element_id.
with final as (
    select
        element_id, framework, element_type, code, parent_id, title, description, sort_order,
        source_id, source_section
    from stg_seeds__strategy_elements
)

select * from final
