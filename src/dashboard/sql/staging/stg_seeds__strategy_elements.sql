-- One row per element of a strategic framework; key element_id.
with final as (
    select
        element_id, framework, element_type, code, parent_id, trim(title) as title,
        description, sort_order, source_id, source_section
    from raw_strategy_elements
)

select * from final
