-- One row per data-quality finding: a printed total that disagrees with its cells or with the same figure elsewhere, or a problem noted while transcribing; key finding_id.
-- Sums treat a published "-" as contributing nothing, so a "-" total matches an all-"-" line.
with cells as (
    select * from stg_seeds__funding_requirements
),

overview as (
    select * from stg_seeds__funding_overview
),

totals as (
    select * from stg_seeds__published_totals
),

region_row_sums as (
    select edition, region, country_or_programme as label, sum(usd) as computed
    from cells
    group by all
),

region_column_sums as (
    select edition, region, programmatic_area as label, sum(usd) as computed
    from cells
    group by all
),

region_grand_sums as (
    select edition, region, 'total' as label, sum(usd) as computed
    from cells
    group by all
),

overview_row_sums as (
    select edition, programmatic_area as label, sum(usd) as computed
    from overview
    group by all
),

overview_column_sums as (
    select edition, region as label, sum(usd) as computed
    from overview
    group by all
),

overview_grand_sums as (
    select edition, 'total' as label, sum(usd) as computed
    from overview
    group by all
),

computed_totals as (
    select edition, region as table_name, 'row' as total_axis, label, computed from region_row_sums
    union all
    select edition, region, 'column', label, computed from region_column_sums
    union all
    select edition, region, 'grand', label, computed from region_grand_sums
    union all
    select edition, 'overview', 'row', label, computed from overview_row_sums
    union all
    select edition, 'overview', 'column', label, computed from overview_column_sums
    union all
    select edition, 'overview', 'grand', label, computed from overview_grand_sums
),

printed_total_checks as (
    select
        'total_vs_sum_of_cells' as check_name,
        'funding' as topic,
        format(
            '{} {} total "{}" ({} table)',
            totals.edition, totals.total_axis, totals.label, totals.table_name
        ) as subject,
        coalesce(computed_totals.computed, 0) as expected_usd,
        coalesce(totals.usd, 0) as published_usd,
        totals.source_id,
        totals.source_section,
        format(
            'The printed {} total is not the sum of the cells it closes; the dashboard shows the cells and their sum, and the printed figure beside it.',
            totals.total_axis
        ) as note,
        format('{}:{}:{}:{}', totals.edition, totals.table_name, totals.total_axis, totals.label)
            as key_suffix
    from totals
    left join computed_totals using (edition, table_name, total_axis, label)
    where coalesce(computed_totals.computed, 0) <> coalesce(totals.usd, 0)
),

region_cells_by_area as (
    select edition, region, programmatic_area, sum(usd) as region_table_usd
    from cells
    group by all
),

overview_vs_region_table as (
    select
        'overview_vs_region_table' as check_name,
        'funding' as topic,
        format('{} {} / {}', overview.edition, overview.region, overview.programmatic_area)
            as subject,
        coalesce(region_cells_by_area.region_table_usd, 0) as expected_usd,
        coalesce(overview.usd, 0) as published_usd,
        overview.source_id,
        overview.source_section,
        'The overview table disagrees with the sum of the same region''s own table for this programmatic area; the per-region table has the country detail, so the dashboard uses its cells.'
            as note,
        format('{}:{}:{}', overview.edition, overview.region, overview.programmatic_area)
            as key_suffix
    from overview
    inner join region_cells_by_area using (edition, region, programmatic_area)
    where coalesce(region_cells_by_area.region_table_usd, 0) <> coalesce(overview.usd, 0)
),

overview_total_vs_region_total as (
    select
        'overview_total_vs_region_table_total' as check_name,
        'funding' as topic,
        format('{} {} total', overview_total.edition, overview_total.label) as subject,
        coalesce(region_total.usd, 0) as expected_usd,
        coalesce(overview_total.usd, 0) as published_usd,
        overview_total.source_id,
        overview_total.source_section,
        format(
            'The overview prints {} for this region, its own table prints a total of {}.',
            format('{:,}', overview_total.usd), format('{:,}', region_total.usd)
        ) as note,
        format('{}:{}', overview_total.edition, overview_total.label) as key_suffix
    from totals as overview_total
    inner join totals as region_total
        on region_total.edition = overview_total.edition
        and region_total.table_name = overview_total.label
        and region_total.total_axis = 'grand'
    where overview_total.table_name = 'overview'
        and overview_total.total_axis = 'column'
        and coalesce(region_total.usd, 0) <> coalesce(overview_total.usd, 0)
),

printed_line_total_sums as (
    select edition, table_name, total_axis, sum(usd) as summed_usd
    from totals
    where total_axis in ('row', 'column')
    group by all
),

grand_vs_line_totals as (
    select
        'grand_total_vs_printed_totals' as check_name,
        'funding' as topic,
        format(
            '{} grand total vs the sum of its printed {} totals ({} table)',
            grand.edition, line_sums.total_axis, grand.table_name
        ) as subject,
        coalesce(line_sums.summed_usd, 0) as expected_usd,
        coalesce(grand.usd, 0) as published_usd,
        grand.source_id,
        grand.source_section,
        format(
            'The printed grand total disagrees with the sum of the printed {} totals of the same table.',
            line_sums.total_axis
        ) as note,
        format('{}:{}:{}', grand.edition, grand.table_name, line_sums.total_axis) as key_suffix
    from totals as grand
    inner join printed_line_total_sums as line_sums using (edition, table_name)
    where grand.total_axis = 'grand'
        and coalesce(line_sums.summed_usd, 0) <> coalesce(grand.usd, 0)
),

-- Document figures that the official datasets also publish for the same country and year; the
-- pairing is a judgement about comparability, made here once.
comparable_figures (figure_id, indicator_code) as (
    values
        ('s2015_kf_remittances_gdp_tjk', 'wdi.remittances_gdp'),
        ('s2015_kf_remittances_gdp_kgz', 'wdi.remittances_gdp')
),

figure_vs_dataset as (
    select
        'document_figure_vs_dataset' as check_name,
        'documents' as topic,
        format('{} ({}, {})', figure.label, figure.iso3, figure.year) as subject,
        round(dataset.value, 2) as expected_number,
        figure.value as published_number,
        figure.source_id,
        figure.source_section,
        format(
            'The document quotes {}; {} ({}) now gives {} for the same country and year. Later revisions (e.g. re-based GDP) explain such gaps: the document value is shown as published beside the dataset value.',
            figure.value, source.title, source.vintage, round(dataset.value, 2)
        ) as note,
        figure.figure_id as key_suffix
    from comparable_figures
    inner join stg_seeds__key_figures as figure using (figure_id)
    inner join stg_official__indicator_values as dataset
        on dataset.indicator_code = comparable_figures.indicator_code
        and dataset.iso3 = figure.iso3
        and dataset.year = figure.year
    inner join stg_meta__sources as source on source.source_id = dataset.source_id
    where round(dataset.value, 1) <> round(figure.value, 1)
),

table_a1_counts as (
    select
        'count_vs_table_a1' as check_name,
        'offices' as topic,
        format('{} counted from the transcribed lists vs Table A1', figure.label) as subject,
        counted.counted as expected_usd,
        figure.value::bigint as published_usd,
        figure.source_id,
        figure.source_section,
        'Table A1 prints a count that the transcribed Annex 1 list (or country list) does not reproduce.'
            as note,
        figure.figure_id as key_suffix
    from stg_seeds__key_figures as figure
    inner join (
        select 's2020_a1_offices' as figure_id, count(*) as counted
        from stg_seeds__offices where office_type in ('country', 'sub-office')
        union all
        select 's2020_a1_countries_areas', count(*) from stg_seeds__countries
    ) as counted using (figure_id)
    where counted.counted <> figure.value
),

numeric_findings as (
    select * from table_a1_counts
    union all
    select * from printed_total_checks
    union all
    select * from grand_vs_line_totals
    union all
    select * from overview_vs_region_table
    union all
    select * from overview_total_vs_region_total
),

numeric_rows as (
    select
        check_name || ':' || key_suffix as finding_id,
        check_name,
        topic,
        subject,
        format('{:,}', expected_usd) as expected,
        format('{:,}', published_usd) as published,
        (published_usd - expected_usd)::double as difference,
        source_id,
        source_section,
        note
    from numeric_findings
),

transcription_rows as (
    select
        'published:' || issue_id as finding_id,
        check_name,
        case
            when source_id = 'iom_migration_initiatives_2016' then 'funding'
            when check_name ilike '%spelling%' or subject ilike '%office%' then 'offices'
            else 'documents'
        end as topic,
        subject,
        expected,
        published,
        try_cast(replace(published, ',', '') as double)
            - try_cast(replace(expected, ',', '') as double) as difference,
        source_id,
        source_section,
        note
    from stg_seeds__published_issues
),

figure_rows as (
    select
        check_name || ':' || key_suffix as finding_id,
        check_name,
        topic,
        subject,
        format('{}', expected_number) as expected,
        format('{}', published_number) as published,
        round(published_number - expected_number, 2)::double as difference,
        source_id,
        source_section,
        note
    from figure_vs_dataset
),

final as (
    select * from numeric_rows
    union all
    select * from figure_rows
    union all
    select * from transcription_rows
)

select * from final
