-- Users, projects, memberships, ingest keys and refresh tokens. Secrets are never stored:
-- passwords as PBKDF2 hashes, keys and refresh tokens as SHA-256 digests of random values.
create table users (
    id            uuid         primary key,
    email         varchar(254) not null,
    name          varchar(200),
    password_hash text         not null,
    created_at    timestamptz  not null
);
create unique index users_email_key on users (email);

-- A deleted project keeps its row (deleted_at set, no members, keys or events): ids are never
-- reused, so events still in flight for it can never surface in someone else's new project.
create table projects (
    id         varchar(63)  primary key,
    name       varchar(200) not null,
    created_at timestamptz  not null,
    deleted_at timestamptz
);

-- Events stored before projects existed belong to "default". It exists from here on, owned by
-- nobody until the configured admin (PULSE_ADMIN_EMAIL) is made its owner: nobody else can
-- create a project of that id and read them.
insert into projects (id, name, created_at) values ('default', 'Default', now());

create table memberships (
    project_id varchar(63) not null references projects (id) on delete cascade,
    user_id    uuid        not null references users (id) on delete cascade,
    role       varchar(16) not null check (role in ('owner', 'admin', 'member', 'viewer')),
    created_at timestamptz not null,
    primary key (project_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

create table api_keys (
    id                uuid         primary key,
    project_id        varchar(63)  not null references projects (id) on delete cascade,
    name              varchar(100) not null,
    prefix            varchar(32)  not null,
    secret_digest     varchar(64)  not null unique,
    events_per_minute bigint       check (events_per_minute > 0),
    created_by        uuid         references users (id) on delete set null,
    created_at        timestamptz  not null,
    revoked_at        timestamptz
);
create index api_keys_project_idx on api_keys (project_id, created_at);

create table refresh_tokens (
    id           uuid        primary key,
    family_id    uuid        not null,
    user_id      uuid        not null references users (id) on delete cascade,
    token_digest varchar(64) not null unique,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz,
    revoked_at   timestamptz
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id);

-- Event ids are unique within a project, not across projects: one tenant must not be able to
-- suppress another's events by sending their ids first.
alter table events drop constraint events_pkey;
alter table events add primary key (project, id);
create index events_id_idx on events (id);
