-- Slack and email channels, grouping per channel, circuit breakers and fallbacks (issue 10).

-- Email channels have recipients instead of a URL; a Slack channel's URL is write-only in the API.
alter table channels alter column url drop not null;
alter table channels add column recipients jsonb not null default '[]'::jsonb;
-- Grouping: null group_by = one notification per alert transition (limited, digested), as before.
alter table channels add column group_by jsonb;
alter table channels add column group_wait_ms bigint;
alter table channels add column group_interval_ms bigint;
alter table channels add column repeat_interval_ms bigint;
alter table channels add column fallback_id uuid references channels (id) on delete set null;

-- A channel's circuit, shared by every node; a channel without a row is closed. Each change is
-- made on the locked row, so two nodes count failures and take the half-open probe once.
create table channel_circuits (
    channel_id           uuid         primary key references channels (id) on delete cascade,
    state                varchar(9)   not null check (state in ('closed', 'open', 'half_open')),
    consecutive_failures integer      not null default 0,
    last_error           text,
    opened_at            timestamptz,
    probe_at             timestamptz,
    updated_at           timestamptz  not null
);

-- A fallback notification carries the one its channel could not deliver (fallback_of), and a
-- grouped channel's messages are notifications of kind 'group'.
alter table notifications add column fallback_of uuid;
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
    check (kind in ('firing', 'resolved', 'digest', 'flapping', 'test', 'group'));

-- The alerts of grouped channels, written by the transition's transaction: one row per alert and
-- channel, with its current status and a snapshot like an outbox payload. Nothing else in that
-- transaction is locked, so evaluations never wait on a group being flushed.
create table notification_group_alerts (
    channel_id   uuid        not null references channels (id) on delete cascade,
    group_key    varchar(64) not null,
    alert_id     uuid        not null,
    project      varchar(63) not null,
    group_labels jsonb       not null,
    status       varchar(8)  not null check (status in ('firing', 'resolved')),
    payload      jsonb       not null,
    changed_at   timestamptz not null,
    primary key (channel_id, group_key, alert_id)
);

-- One row per group, created by the dispatcher for alerts without one (created_at = the first
-- alert's time, so group_wait counts from it) and flushed under its row lock (skip locked, so each
-- flush happens on one node). notified: what earlier messages announced (alert id → 'firing').
create table notification_groups (
    channel_id    uuid        not null references channels (id) on delete cascade,
    group_key     varchar(64) not null,
    project       varchar(63) not null,
    group_labels  jsonb       not null,
    notified      jsonb       not null default '{}'::jsonb,
    created_at    timestamptz not null,
    last_flush_at timestamptz,
    last_sent_at  timestamptz,
    primary key (channel_id, group_key)
);
