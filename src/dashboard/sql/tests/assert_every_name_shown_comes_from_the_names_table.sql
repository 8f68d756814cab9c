-- Offending rows: a country, capital or office town without a row in the names table, a source
-- without its human citation, or a misspelling kept as a name screens show.
select 'country' as kind, iso3 as key from dim_country
where display_name is null or capital_on_map is null
    or iso3 not in (select key from dim_display_name where kind = 'country')
union all
select 'office town', office_id from dim_office
where city not in (select display_name from dim_display_name where kind = 'city')
union all
select 'source', source_id from dim_source where cite_as is null or cite_as = ''
union all
-- a published spelling the data-quality notes record as wrong must not be a display name
select 'misspelling', published from dq_finding
where check_name = 'misspelling' and published in (select display_name from dim_display_name)
    and published <> expected
