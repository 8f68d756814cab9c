-- Offending rows: a series break naming a cause that is not itself a declared break of the same year, or a cause given by half.
select moved.indicator_code, moved.iso3, moved.year
from dim_series_break as moved
left join dim_series_break as cause
    on cause.indicator_code = moved.cause_indicator_code
    and cause.iso3 = moved.cause_iso3
    and cause.year = moved.year
where (moved.cause_indicator_code is null) != (moved.cause_iso3 is null)
    or (moved.cause_indicator_code is not null and cause.indicator_code is null)
