-- Offending rows: indicator links on statements marked untestable, or testable statements without a link.
select statement.statement_id, statement.testable, count(link.indicator_family) as links
from dim_outlook_statement as statement
left join bridge_outlook_indicator as link using (statement_id)
group by all
having (statement.testable and count(link.indicator_family) = 0)
    or (not statement.testable and count(link.indicator_family) > 0)
