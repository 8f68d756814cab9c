-- One row per source document or official dataset; key source_id.
-- cite_as is the human citation every screen shows (publisher, title, edition; vintage and
-- licence for datasets); the file name stays in `file`, for the technical details only.
with sources as (
    select * from stg_meta__sources
),

parts as (
    select
        *,
        case publisher
            when 'International Organization for Migration' then 'IOM'
            when 'United Nations Department of Economic and Social Affairs, Population Division'
                then 'UN DESA Population Division'
            when 'World Bank (long CSVs by the datahub.io core datasets project)'
                then 'World Bank (via the datahub.io core datasets)'
            else publisher
        end as publisher_short,
        -- the title as screens show it: without WDI series codes ("Net migration (SM.POP.NETM)"),
        -- which are technical details (title keeps them)
        regexp_replace(title, ' \([A-Z]{2}\.[A-Z0-9]+(\.[A-Z0-9]+)*\)', '', 'g') as shown_title,
        -- editions that name a download file, a package path or a commit are technical details
        case
            when edition is null
                or regexp_matches(edition, '\.(csv|rda|xlsx?|txt|zip)|_|API|download|commit')
                or contains(title, edition)
                then null
            else edition
        end as shown_edition
    from sources
),

bare as (
    select
        *,
        -- without a leading publisher abbreviation ("IOM Regional Strategy ...")
        regexp_replace(shown_title, '^IOM ', '') as bare_title
    from parts
),

final as (
    select
        source_id, kind, title, short_title, publisher, edition, vintage, licence, citation,
        case kind
            when 'document' then concat(publisher_short, ', ', bare_title)
            else concat(
                publisher_short, ', ', bare_title,
                ' (' || shown_edition || ')',
                ', version of ' || vintage,
                '. Licence: ' || licence
            )
        end as cite_as,
        file, note, shown_title
    from bare
)

select * from final
