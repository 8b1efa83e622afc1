-- Rules, alerts, silences and notification channels (issue 9).

-- Notification channels. Header values and the secret are write-only in the API.
create table channels (
    id         uuid         primary key,
    project    varchar(63)  not null,
    name       varchar(200) not null,
    type       varchar(16)  not null,
    url        text         not null,
    headers    jsonb        not null default '{}'::jsonb,
    secret     text,
    created_at timestamptz  not null,
    updated_at timestamptz  not null
);
create index channels_project_idx on channels (project, created_at, id);

-- A rule is stored as the draft its author sent (spec), so it reads back exactly as written.
create table rules (
    id         uuid        primary key,
    project    varchar(63) not null,
    spec       jsonb       not null,
    enabled    boolean     not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index rules_project_idx on rules (project, created_at, id);

-- Where each fingerprint (project + rule + group labels) stands. One row per fingerprint, locked
-- (select ... for update) by every transition, so two consumers or two nodes move it once.
create table alert_states (
    fingerprint    varchar(16)  primary key,
    project        varchar(63)  not null,
    rule_id        uuid         not null,
    group_labels   jsonb        not null,
    phase          varchar(8)   not null check (phase in ('inactive', 'pending', 'firing')),
    since          timestamptz,
    last_active_at timestamptz,
    alert_id       uuid,
    changes        timestamptz[] not null default '{}',
    flapping       boolean      not null default false,
    updated_at     timestamptz  not null
);
create index alert_states_rule_idx on alert_states (rule_id);
create index alert_states_open_idx on alert_states (phase) where phase <> 'inactive';

-- One firing episode of one fingerprint.
create table alerts (
    id              uuid             primary key,
    project         varchar(63)      not null,
    rule_id         uuid             not null,
    fingerprint     varchar(16)      not null,
    state           varchar(8)       not null check (state in ('pending', 'firing', 'resolved')),
    severity        varchar(16)      not null,
    labels          jsonb            not null,
    annotations     jsonb            not null,
    value           double precision,
    threshold       double precision,
    started_at      timestamptz      not null,
    fired_at        timestamptz,
    last_seen_at    timestamptz      not null,
    resolved_at     timestamptz,
    occurrences     bigint           not null default 1,
    silenced        boolean          not null default false,
    flapping        boolean          not null default false,
    acknowledged_by uuid,
    acknowledged_at timestamptz
);
create index alerts_project_time_idx on alerts (project, started_at desc, id desc);
create index alerts_fingerprint_idx on alerts (fingerprint, started_at desc);

-- Every transition of an alert, with what caused it.
create table alert_transitions (
    id        bigserial        primary key,
    alert_id  uuid             not null references alerts (id) on delete cascade,
    at        timestamptz      not null,
    from_state varchar(8),
    to_state  varchar(16)      not null,
    value     double precision,
    cause     text             not null
);
create index alert_transitions_alert_idx on alert_transitions (alert_id, id);

create table silences (
    id         uuid          primary key,
    project    varchar(63)   not null,
    matchers   jsonb         not null,
    starts_at  timestamptz   not null,
    ends_at    timestamptz   not null,
    comment    text,
    recurrence jsonb,
    created_by uuid,
    created_at timestamptz   not null
);
create index silences_project_idx on silences (project, ends_at);

-- The outbox: a notification is written in the transaction of the transition that causes it and
-- delivered afterwards. next_attempt_at doubles as a lease while a delivery is in flight, so a
-- crashed sender's notification is picked up again (with the same id) when the lease runs out.
create table notifications (
    id               uuid        primary key,
    project          varchar(63) not null,
    alert_id         uuid,
    rule_id          uuid,
    channel_id       uuid        not null,
    kind             varchar(12) not null check (kind in ('firing', 'resolved', 'digest', 'flapping', 'test')),
    status           varchar(12) not null check (status in ('pending', 'sent', 'failed', 'throttled', 'silenced')),
    payload          jsonb       not null,
    attempts         jsonb       not null default '[]'::jsonb,
    admitted         boolean     not null default false,
    digest_id        uuid,
    next_attempt_at  timestamptz,
    first_attempt_at timestamptz,
    created_at       timestamptz not null,
    sent_at          timestamptz
);
create index notifications_due_idx on notifications (next_attempt_at) where status = 'pending';
create index notifications_project_idx on notifications (project, created_at desc, id desc);
create index notifications_throttled_idx on notifications (rule_id, channel_id)
    where status = 'throttled' and digest_id is null;
