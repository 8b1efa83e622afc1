-- Events as accepted by ingest-web and persisted by the worker. Written once (insert ... on conflict
-- do nothing on id), so a redelivered or re-sent event is stored once.
create table events (
    id          uuid             primary key,
    project     varchar(100)     not null default 'default',
    type        varchar(100)     not null,
    source      varchar(200)     not null,
    occurred_at timestamptz      not null,
    received_at timestamptz      not null,
    value       double precision,
    tags        jsonb            not null default '{}'::jsonb,
    payload     jsonb
);

-- Newest-first keyset paging, optionally narrowed by type or source, always within a project.
create index events_project_time_idx   on events (project, occurred_at desc, id desc);
create index events_project_type_idx   on events (project, type, occurred_at desc, id desc);
create index events_project_source_idx on events (project, source, occurred_at desc, id desc);
