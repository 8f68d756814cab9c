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
            else publisher
        end as publisher_short,
        -- the title without a leading publisher abbreviation ("IOM Regional Strategy ...")
        regexp_replace(title, '^IOM ', '') as bare_title,
        -- editions that name a download file or a package path are technical details
        case
            when edition is null
                or regexp_matches(edition, '\.(csv|rda|xlsx?|txt|zip)|_|API|download')
                or contains(title, edition)
                then null
            else edition
        end as shown_edition
    from sources
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
        file, note
    from parts
)

select * from final
