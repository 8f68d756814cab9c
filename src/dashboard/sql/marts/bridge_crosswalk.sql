-- One row per link between framework elements or programmatic areas; key (from_element_id, to_id).
with links as (
    select * from stg_seeds__crosswalk
),

final as (
    select
        from_element_id,
        case
            when from_element_id in (select programmatic_area from raw_programmatic_areas)
                then 'programmatic_area'
            else 'strategy_element'
        end as from_kind,
        to_id,
        to_kind,
        relation,
        basis,
        justification,
        source_id,
        source_section
    from links
)

select * from final
