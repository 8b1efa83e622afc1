-- Metrics (issue 8). A series is (project, name, tags); samples refer to it by id, so a sample row
-- is small and a series' tags are stored once.
create table metric_series (
    id         bigserial    primary key,
    project    varchar(100) not null,
    name       varchar(200) not null,
    tags       jsonb        not null default '{}'::jsonb,
    created_at timestamptz  not null default now(),
    unique (project, name, tags)
);
create index metric_series_tags_idx on metric_series using gin (tags jsonb_path_ops);

-- Raw samples, kept PULSE_METRICS_RAW_RETENTION_DAYS. Idempotent on (project, id) like events.
create table metric_samples (
    project     varchar(100)     not null,
    id          uuid             not null,
    series_id   bigint           not null,
    ts          timestamptz      not null,
    value       double precision not null,
    received_at timestamptz      not null,
    primary key (project, id)
);
create index metric_samples_series_time_idx on metric_samples (series_id, ts);
create index metric_samples_time_brin on metric_samples using brin (ts);

-- Rollups: one row per series, step (60, 300 or 3600 s) and bucket start, with a mergeable
-- quantile sketch. Always recomputed from their sources, never incremented, so a pass that runs
-- twice or is interrupted cannot count a sample twice.
create table metric_rollups (
    series_id bigint           not null,
    step      integer          not null,
    bucket    timestamptz      not null,
    count     bigint           not null,
    sum       double precision not null,
    min       double precision not null,
    max       double precision not null,
    sketch    bytea            not null,
    primary key (series_id, step, bucket)
);
create index metric_rollups_step_bucket_idx on metric_rollups (step, bucket);

-- The minutes whose rollups are out of date: written in the transaction that stores new samples,
-- taken (deleted) by the rollup pass in the transaction that recomputes them.
create table metric_dirty (
    series_id bigint      not null,
    minute    timestamptz not null,
    primary key (series_id, minute)
);

-- Every sample persisted before rolled_up_to is in the rollups.
create table metric_rollup_state (
    id            integer     primary key check (id = 1),
    rolled_up_to  timestamptz
);
insert into metric_rollup_state (id, rolled_up_to) values (1, null);
