-- One row per topic and check that has findings, with how many; key (topic, check_name).
with final as (
    select topic, check_name, count(*) as findings
    from dq_finding
    group by topic, check_name
    order by topic, check_name
)

select * from final
