-- One row per table and source its rows cite, with the source's publisher, edition and licence; key (table_name, source_id).
-- Regions and programmatic areas carry no source column: they are the axes of the funding
-- tables, so they cite what the overview table cites. Outlook links cite their statements.
with citations as (
    select 'dim_source' as table_name, source_id from dim_source
    union all
    select 'dim_country', source_id from dim_country
    union all
    select 'dim_country_name', source_id from dim_country_name
    union all
    select 'dim_office', source_id from dim_office
    union all
    select 'dim_office', contact_source_id from dim_office
    union all
    select 'dim_iom_region', source_id from fct_funding_overview
    union all
    select 'dim_programmatic_area', source_id from fct_funding_overview
    union all
    select 'fct_funding_overview', source_id from fct_funding_overview
    union all
    select 'fct_funding_requirement', source_id from fct_funding_requirement
    union all
    select 'published_total', source_id from published_total
    union all
    select 'dim_strategy_element', source_id from dim_strategy_element
    union all
    select 'fct_key_figure', source_id from fct_key_figure
    union all
    select 'fct_initiative', source_id from fct_initiative
    union all
    select 'dim_outlook_statement', source_id from dim_outlook_statement
    union all
    select 'bridge_outlook_indicator', statement.source_id
    from bridge_outlook_indicator as link
    inner join dim_outlook_statement as statement using (statement_id)
    union all
    select 'dim_glossary_term', source_id from dim_glossary_term
    union all
    select 'bridge_crosswalk', source_id from bridge_crosswalk
    union all
    select 'dim_indicator', source_id from dim_indicator
    union all
    -- a data test guarantees each value cites its indicator's source: no need to scan the facts
    select 'fct_indicator_value', source_id from dim_indicator
    union all
    select 'dq_finding', source_id from dq_finding
    union all
    select 'dim_headline_candidate', source_id from dim_headline_candidate
    union all
    select 'headline_value', source_id from headline_value
    union all
    select 'headline_value', alt_source_id from headline_value where alt_source_id is not null
),

final as (
    select distinct
        citations.table_name,
        source.source_id,
        source.kind,
        source.title,
        source.short_title,
        source.publisher,
        source.edition,
        source.vintage,
        source.licence,
        source.citation,
        source.file
    from citations
    inner join dim_source as source using (source_id)
    order by citations.table_name, source.kind desc, source.source_id
)

select * from final
