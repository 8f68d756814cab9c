-- One row per year with corridor figures, latest first; key year.
select distinct year, source_id from fct_migrant_corridor order by year desc
