-- The marts the pages query, with their keys and checks; each is filled from marts/<table>.sql.

create table dim_source (
    source_id varchar primary key,
    kind varchar not null check (kind in ('document', 'dataset')),
    title varchar not null,
    short_title varchar not null,
    publisher varchar not null,
    edition varchar,
    vintage varchar,
    licence varchar not null,
    citation varchar not null,
    -- the human citation screens show: publisher, title, edition; licence for datasets
    cite_as varchar,
    file varchar not null,
    note varchar,
    -- the title as screens show it (WDI series codes left to the technical details)
    shown_title varchar not null
);

create table dim_display_name (
    kind varchar not null check (kind in ('country', 'city')),
    key varchar not null,
    display_name varchar not null,
    label varchar not null,
    basis varchar not null,
    on_map boolean not null,
    -- Russian (display_names_ru.csv): every name has one, so a missing row fails the build
    display_name_ru varchar not null,
    label_ru varchar not null,
    basis_ru varchar not null,
    primary key (kind, key)
);

create table dim_country (
    iso3 varchar primary key check (regexp_full_match(iso3, '[A-Z]{3}')),
    -- the short label of dim_display_name ("Kosovo*": a footnote follows wherever it is shown)
    name varchar not null unique,
    -- the form that stands alone ("Kosovo (UNSCR 1244)"), for prose and tables
    display_name varchar unique,
    name_as_transcribed varchar,
    subregion varchar not null,
    subregion_basis varchar,
    capital varchar not null,
    capital_on_map boolean,
    capital_lat double check (capital_lat between -90 and 90),
    capital_lon double check (capital_lon between -180 and 180),
    name_2015_strategy varchar,
    iom_status_2014 varchar check (iom_status_2014 in ('member', 'observer')),
    name_2020_strategy varchar,
    iom_status_2020 varchar check (iom_status_2020 in ('member', 'observer')),
    office_count integer not null check (office_count >= 0),
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null
);

create table dim_country_name (
    iso3 varchar not null references dim_country (iso3),
    source_id varchar not null references dim_source (source_id),
    name_as_published varchar not null,
    iom_status varchar check (iom_status in ('member', 'observer')),
    source_section varchar not null,
    primary key (iso3, source_id)
);

create table dim_office (
    office_id varchar primary key,
    iso3 varchar not null,
    name varchar not null,
    name_as_published varchar not null,
    office_type varchar not null check (office_type in ('regional', 'country', 'sub-office')),
    city varchar not null,
    city_as_published varchar not null,
    current_status_note varchar,
    parent_office_id varchar,
    country_name varchar,
    subregion varchar,
    lat double not null check (lat between -90 and 90),
    lon double not null check (lon between -180 and 180),
    geonameid bigint,
    gazetteer_name varchar,
    address varchar,
    telephone varchar,
    fax varchar,
    email varchar,
    note varchar,
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null,
    contact_source_id varchar references dim_source (source_id),
    contact_source_section varchar,
    check ((office_type = 'sub-office') = (parent_office_id is not null))
);

create table dim_iom_region (
    region varchar primary key,
    name_as_published varchar not null unique,
    sort_order integer not null
);

create table dim_programmatic_area (
    programmatic_area varchar primary key,
    name_as_published varchar not null unique,
    sort_order integer not null
);

create table fct_funding_overview (
    edition integer not null,
    region varchar not null references dim_iom_region (region),
    programmatic_area varchar not null references dim_programmatic_area (programmatic_area),
    usd bigint check (usd >= 0),
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null,
    primary key (edition, region, programmatic_area)
);

create table fct_funding_requirement (
    edition integer not null,
    region varchar not null references dim_iom_region (region),
    country_or_programme varchar not null,
    iso3 varchar,
    programmatic_area varchar not null references dim_programmatic_area (programmatic_area),
    usd bigint check (usd >= 0),
    in_seeeca_region boolean not null,
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null,
    primary key (edition, region, country_or_programme, programmatic_area)
);

create table published_total (
    edition integer not null,
    table_name varchar not null,
    total_axis varchar not null check (total_axis in ('row', 'column', 'grand')),
    label varchar not null,
    usd bigint check (usd >= 0),
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null,
    primary key (edition, table_name, total_axis, label)
);

create table dim_strategy_element (
    element_id varchar primary key,
    framework varchar not null check (
        framework in ('strategy_2015_2020', 'iom_global_strategy', 'strategy_2020_2024', 'migof')
    ),
    element_type varchar not null,
    code varchar,
    parent_id varchar,
    title varchar not null,
    description varchar,
    sort_order integer,
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null
);

create table fct_key_figure (
    figure_id varchar primary key,
    topic varchar not null,
    label varchar not null,
    value double not null,
    unit varchar not null,
    year integer,
    scope varchar not null,
    iso3 varchar references dim_country (iso3),
    quote varchar not null,
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null
);

create table fct_initiative (
    initiative_id varchar primary key,
    migof_element_id varchar not null references dim_strategy_element (element_id),
    chapter_title varchar not null,
    title varchar not null,
    region varchar,
    iso3 varchar,
    usd bigint not null check (usd >= 0),
    quote varchar not null,
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null
);

create table dim_outlook_statement (
    statement_id varchar primary key,
    -- what a page calls the statement (never its code)
    short_title varchar not null unique,
    statement varchar not null,
    theme varchar not null,
    element_id varchar references dim_strategy_element (element_id),
    testable boolean not null,
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null
);

create table bridge_outlook_indicator (
    statement_id varchar not null references dim_outlook_statement (statement_id),
    indicator_family varchar not null,
    iso3_scope varchar,
    expectation varchar not null check (
        expectation in ('increase', 'decrease', 'stay_high', 'stay_low', 'persist')
    ),
    rationale varchar not null,
    -- one statement can expect one thing of the region and another of a few countries
    unique (statement_id, indicator_family, iso3_scope)
);

create table dim_glossary_term (
    term varchar primary key,
    definition varchar not null,
    related_element_id varchar,
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null
);

create table bridge_crosswalk (
    -- either end can be a strategy element or a programmatic area: checked by a data test
    from_element_id varchar not null,
    from_kind varchar not null check (from_kind in ('strategy_element', 'programmatic_area')),
    to_id varchar not null,
    to_kind varchar not null check (to_kind in ('strategy_element', 'programmatic_area')),
    relation varchar not null,
    basis varchar not null check (basis in ('document', 'judgement')),
    justification varchar not null,
    source_id varchar references dim_source (source_id),
    source_section varchar,
    primary key (from_element_id, to_id)
);

create table bridge_theme_indicator (
    -- a strategy element or a programmatic area: checked by a data test
    element_id varchar not null,
    element_kind varchar not null check (element_kind in ('strategy_element', 'programmatic_area')),
    element_type varchar not null,
    element_title varchar not null,
    -- null only on the one row that says why no indicator can speak to the element
    indicator_family varchar,
    family_rank integer check (family_rank >= 1),
    basis varchar not null check (
        basis in ('document', 'judgement', 'outlook_statement', 'crosswalk')
    ),
    reason varchar not null check (length(trim(reason)) > 0),
    source_id varchar references dim_source (source_id),
    source_section varchar,
    via_id varchar,
    unique (element_id, indicator_family),
    check ((indicator_family is null) = (family_rank is null))
);

create table theme_lineage (
    -- both ends are strategy elements or crosswalk ends: checked by data tests
    element_id varchar not null,
    ancestor_id varchar not null,
    levels_up integer not null check (levels_up between 0 and 2),  -- 0: the element itself
    primary key (element_id, ancestor_id)
);

create table dim_indicator (
    indicator_code varchar primary key,
    family varchar not null,
    name varchar not null,
    unit varchar not null,
    aggregation varchar not null check (aggregation in ('sum', 'weighted_mean', 'none')),
    weight_indicator_code varchar,
    source_id varchar not null references dim_source (source_id),
    description varchar,
    caveat varchar,
    lowest_plausible double not null,
    highest_plausible double not null check (highest_plausible > lowest_plausible),
    first_year integer,
    last_year integer,
    country_count integer not null
);

create table fct_indicator_value (
    indicator_code varchar not null references dim_indicator (indicator_code),
    iso3 varchar not null references dim_country (iso3),
    year integer not null check (year between 1900 and 2100),
    value double not null,
    source_id varchar not null references dim_source (source_id),
    primary key (indicator_code, iso3, year)
);

create table dq_finding (
    finding_id varchar primary key,
    check_name varchar not null,
    topic varchar not null,
    subject varchar not null,
    expected varchar,
    published varchar,
    difference double,
    source_id varchar not null references dim_source (source_id),
    source_section varchar not null,
    note varchar not null
);

create table dim_projection_series (
    series_code varchar primary key,
    family varchar not null,
    name varchar not null,
    label varchar not null,
    unit varchar not null,
    reference varchar not null,
    source_id varchar not null references dim_source (source_id),
    description varchar,
    caveat varchar,
    last_estimate_year integer,
    first_projection_year integer not null,
    last_year integer not null
);

create table fct_projection (
    series_code varchar not null references dim_projection_series (series_code),
    iso3 varchar not null references dim_country (iso3),
    year integer not null check (year between 1950 and 2100),
    estimate double,
    medium double,
    low double,
    high double,
    lower_80 double,
    upper_80 double,
    lower_95 double,
    upper_95 double,
    source_id varchar not null references dim_source (source_id),
    primary key (series_code, iso3, year),
    -- a year is either an estimate or a projection, never both
    check ((estimate is null) <> (medium is null)),
    check (lower_95 <= lower_80 and lower_80 <= medium and medium <= upper_80 and upper_80 <= upper_95),
    check (low <= medium and medium <= high)
);

create table dim_headline_candidate (
    concept varchar not null,
    concept_name varchar not null,
    unit varchar not null,
    preference integer not null check (preference >= 1),
    indicator_code varchar not null references dim_indicator (indicator_code),
    source_id varchar not null references dim_source (source_id),
    scale double not null check (scale > 0),
    why varchar not null,
    primary key (concept, preference),
    unique (concept, indicator_code)
);

create table dim_headline_scope (
    scope_type varchar not null check (scope_type in ('country', 'subregion', 'region')),
    scope_id varchar not null,
    scope_name varchar not null,
    iso3 varchar not null references dim_country (iso3),
    primary key (scope_type, scope_id, iso3)
);

create table headline_value (
    concept varchar not null,
    scope_type varchar not null,
    scope_id varchar not null,
    year integer not null,
    value double not null,
    indicator_code varchar not null references dim_indicator (indicator_code),
    source_id varchar not null references dim_source (source_id),
    preference integer not null,
    aggregation varchar not null,
    countries_reporting integer not null check (countries_reporting >= 1),
    countries_dropped integer not null check (countries_dropped >= 0),
    countries_in_scope integer not null check (countries_in_scope >= countries_reporting),
    is_complete boolean not null,
    is_headline boolean not null,
    candidates_with_value integer not null check (candidates_with_value >= 1),
    alt_indicator_code varchar references dim_indicator (indicator_code),
    alt_source_id varchar references dim_source (source_id),
    alt_value double,
    primary key (concept, scope_type, scope_id, year)
);

create table dim_corridor_place (
    iso3 varchar primary key,
    name varchar not null,
    un_name varchar not null,
    is_eu boolean not null,
    in_region boolean not null,
    subregion varchar,
    place_group varchar not null
);

create table fct_migrant_corridor (
    origin_iso3 varchar not null references dim_corridor_place (iso3),
    destination_iso3 varchar not null references dim_corridor_place (iso3),
    year integer not null check (year between 1990 and 2100),
    migrants bigint not null check (migrants >= 0),
    source_id varchar not null references dim_source (source_id),
    primary key (origin_iso3, destination_iso3, year),
    check (origin_iso3 <> destination_iso3)
);

create table dim_series_break (
    indicator_code varchar not null references dim_indicator (indicator_code),
    iso3 varchar not null references dim_country (iso3),
    year integer not null,
    kind varchar not null check (kind in ('reporting change', 'coverage change')),
    note varchar not null,
    -- the other country's break that causes this one (both or neither)
    cause_indicator_code varchar references dim_indicator (indicator_code),
    cause_iso3 varchar references dim_country (iso3),
    primary key (indicator_code, iso3, year)
);
