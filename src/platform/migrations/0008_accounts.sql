-- Accounts a system administrator manages: one-time links to set a password (a new account, or a
-- reset) and the setup link that makes a fresh council's first system administrator.
--
-- Only the SHA-256 of each token is kept: the token itself is shown once (to the administrator,
-- or printed at start-up) and never stored, so a copy of the database opens no account. A token
-- is used once (used_at) and ends (expires_at); issuing a new one for the same purpose revokes the
-- old (revoked_at). Sign-in looks a token up by its hash before it knows the council, so that
-- column has its own index; the primary key leads with council_id like every tenant table.
create table account_tokens (
  council_id text not null references councils (council_id),
  token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
  purpose text not null check (purpose in ('set_password', 'first_administrator')),
  user_id text,                                  -- whose password it sets; null for the first administrator's setup
  created_by text not null,                      -- who issued it (a user id, operator:NAME or 'start-up')
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  primary key (council_id, token_hash),
  foreign key (council_id, user_id) references users (council_id, user_id),
  check ((purpose = 'set_password') = (user_id is not null))
);
create index account_tokens_hash on account_tokens (token_hash);
create index account_tokens_user on account_tokens (council_id, user_id) where user_id is not null;
