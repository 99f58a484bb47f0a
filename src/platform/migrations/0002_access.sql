-- Sign-in, need-to-know grants, break-glass and the tamper-evident audit log.

create table users (
  council_id text not null references councils (council_id),
  user_id text not null,
  email text not null,
  name text not null,
  roles text[] not null check (roles <@ array['practitioner', 'team_manager', 'service_manager', 'business_support',
    'performance_analyst', 'data_officer', 'system_administrator', 'auditor']::text[] and cardinality(roles) > 0),
  practitioner_id text,                          -- their own practitioner record, if they hold cases
  team_ids text[] not null default '{}',         -- teams they belong to or manage
  password_hash text,                            -- Argon2id; null for single sign-on only
  oidc_issuer text,
  oidc_subject text,
  failed_sign_ins integer not null default 0,
  locked_until timestamptz,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (council_id, user_id),
  foreign key (council_id, practitioner_id) references practitioners (council_id, practitioner_id)
);
-- One account per email across the deployment: sign-in looks people up by email before it knows the council.
create unique index users_email on users (lower(email));
create unique index users_oidc on users (oidc_issuer, oidc_subject) where oidc_subject is not null;

-- Server-side sessions. council_id is null until someone signs in (the sign-in form needs a session for its CSRF token).
create table sessions (
  sid text primary key,
  council_id text references councils (council_id),
  user_id text,
  data jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_expiry on sessions (expires_at);

-- An explicit per-person grant to a restricted record (adoption, a staff member's child).
create table access_grants (
  council_id text not null references councils (council_id),
  grant_id text not null,
  user_id text not null,
  child_id text not null,
  reason text not null,
  granted_by text not null,
  granted_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  primary key (council_id, grant_id),
  foreign key (council_id, user_id) references users (council_id, user_id),
  foreign key (council_id, child_id) references children (council_id, child_id)
);
create index access_grants_user on access_grants (council_id, user_id);

-- Emergency access: a typed reason, a time limit, and a manager's review afterwards.
create table break_glass (
  council_id text not null references councils (council_id),
  break_glass_id text not null,
  user_id text not null,
  child_id text not null,
  reason text not null,
  started_at timestamptz not null default now(),
  expires_at timestamptz not null,
  reviewed_by text,
  reviewed_at timestamptz,
  review_outcome text check (review_outcome in ('justified', 'not_justified')),
  review_note text,
  primary key (council_id, break_glass_id),
  foreign key (council_id, user_id) references users (council_id, user_id),
  foreign key (council_id, child_id) references children (council_id, child_id)
);
create index break_glass_user on break_glass (council_id, user_id, expires_at);

-- Append-only, hash-chained per council: each row's hash covers its content and the previous hash,
-- so an edited or deleted row breaks the chain from that point (`caseweight audit verify`).
create table audit_events (
  council_id text not null,
  seq bigint not null,
  occurred_at timestamptz not null,
  actor_user_id text,
  actor_roles text[] not null default '{}',
  action text not null,                           -- read, write, denied, sign_in, sign_in_failed, sign_out, break_glass, grant, export
  record_type text not null,                      -- child, practitioner, team, council, config, audit, user, session
  record_id text,
  child_id text,
  fields text,                                    -- which page or fields
  ip text,
  reason text,                                    -- break-glass and refusals
  prev_hash text not null,
  hash text not null,
  primary key (council_id, seq)
);
create index audit_events_child on audit_events (council_id, child_id, seq) where child_id is not null;
create index audit_events_actor on audit_events (council_id, actor_user_id, seq);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only: % is not allowed', tg_op;
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_append_only();

-- The role the application should connect as in production: it may add audit rows, never change them.
-- Creating a role needs privilege; where the migration runs without it, the trigger above still holds.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'caseweight_app') then
    create role caseweight_app nologin;
  end if;
  grant select, insert, update, delete on all tables in schema public to caseweight_app;
  alter default privileges in schema public grant select, insert, update, delete on tables to caseweight_app;
  revoke update, delete, truncate on audit_events from caseweight_app;
  revoke update, delete, truncate on audit_events from public;
exception when insufficient_privilege then
  raise notice 'caseweight_app role not created: %', sqlerrm;
end;
$$;
