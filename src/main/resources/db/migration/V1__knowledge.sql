-- Knowledge: the durable record of every MAPE-K cycle.
-- Portable SQL: runs unchanged on PostgreSQL 15 and on H2 in
-- MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH.
-- Strings are unbounded varchar (not text, which H2 stores as a CLOB).
-- Times are UTC instants at microsecond precision; durations are seconds.
-- Every child table references cycles with ON DELETE CASCADE, so pruning a cycle deletes all of it.
-- seq keeps the order of a cycle's lists (errors, anomalies, actions, suppressed actions).

create table cycles (
    id               bigint                   not null primary key,
    started_at       timestamp with time zone not null,
    mode             varchar(16)              not null,
    monitor_seconds  double precision,
    analyze_seconds  double precision,
    plan_seconds     double precision,
    execute_seconds  double precision,
    total_seconds    double precision         not null,
    observations     integer                  not null,
    targets_down     integer                  not null,
    anomaly_count    integer                  not null,
    action_count     integer                  not null,
    suppressed_count integer                  not null
);

create index cycles_started_at_idx on cycles (started_at);

create table cycle_errors (
    cycle_id bigint      not null references cycles (id) on delete cascade,
    seq      integer     not null,
    phase    varchar(16) not null,
    error    varchar     not null,
    message  varchar     not null,
    primary key (cycle_id, seq)
);

create table anomalies (
    cycle_id        bigint                   not null references cycles (id) on delete cascade,
    seq             integer                  not null,
    observed_at     timestamp with time zone not null,
    target          varchar                  not null,
    symptom         varchar                  not null,
    severity        varchar(16)              not null,
    score           double precision         not null,
    detector        varchar                  not null,
    series          varchar                  not null,
    latest_value    double precision         not null,
    expected        double precision         not null,
    bound           double precision         not null,
    since           timestamp with time zone not null,
    recent          varchar                  not null,
    evidence_reason varchar                  not null,
    primary key (cycle_id, seq)
);

create index anomalies_target_idx on anomalies (target, cycle_id);
create index anomalies_symptom_idx on anomalies (symptom, cycle_id);

-- One row per planned action (the Action's idempotency key is the primary key) with its outcome;
-- the outcome columns are null when the Executor reported no outcome for the action.
create table actions (
    id                 varchar                  not null primary key,
    cycle_id           bigint                   not null references cycles (id) on delete cascade,
    seq                integer                  not null,
    planned_at         timestamp with time zone not null,
    kind               varchar                  not null,
    target             varchar                  not null,
    params             varchar                  not null,
    policy             varchar                  not null,
    step               integer                  not null,
    symptom            varchar                  not null,
    reason             varchar                  not null,
    status             varchar(32),
    outcome_started_at timestamp with time zone,
    duration_seconds   double precision,
    attempts           integer,
    message            varchar
);

create unique index actions_cycle_idx on actions (cycle_id, seq);
create index actions_status_idx on actions (status, cycle_id);
create index actions_symptom_kind_idx on actions (symptom, kind);

create table suppressed_actions (
    cycle_id     bigint  not null references cycles (id) on delete cascade,
    seq          integer not null,
    action_id    varchar not null,
    kind         varchar not null,
    target       varchar not null,
    params       varchar not null,
    policy       varchar not null,
    step         integer not null,
    symptom      varchar not null,
    reason       varchar not null,
    guard        varchar not null,
    guard_reason varchar not null,
    primary key (cycle_id, seq)
);

-- The highest cycle id ever pruned: cycle numbering must not restart when everything was pruned.
create table knowledge_watermark (
    id                   integer not null primary key,
    last_pruned_cycle_id bigint  not null
);

insert into knowledge_watermark (id, last_pruned_cycle_id) values (1, 0);
