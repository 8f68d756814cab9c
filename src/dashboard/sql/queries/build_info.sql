-- One row: when, from which revision and how fast the warehouse was built; key none (single row).
with final as (
    select built_at, coalesce(git_revision, 'unknown') as git_revision, build_seconds, duckdb_version
    from build_log
)

select * from final
