-- One row per problem found in a document while transcribing; key issue_id.
with final as (
    select issue_id, check_name, subject, expected, published, source_id, source_section, note
    from raw_published_issues
)

select * from final
