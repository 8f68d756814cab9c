-- One row per indicator family that speaks to the chosen thematic element, in display order; key indicator_family. No rows without a theme.
with final as (
    select
        link.indicator_family,
        link.family_rank,
        link.basis,
        link.reason
    from bridge_theme_indicator as link
    where link.element_id = $theme::varchar and link.indicator_family is not null
    order by link.family_rank
)

select * from final
