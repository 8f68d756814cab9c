-- Offending rows: facts from the documents that cannot be what their unit says: negative counts,
-- amounts, ranks or durations, and percentages beyond 0-100.
select figure_id, label, value, unit
from fct_key_figure
where value < 0 or (unit = 'percent' and value > 100)
order by figure_id
