-- One row per outlook statement of a strategy; key statement_id.
with final as (
    select statement_id, short_title, statement, theme, element_id, testable, source_id, source_section
    from raw_outlook_statements
)

select * from final
