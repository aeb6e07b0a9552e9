-- Incidents: one row per incident with its current state, and its timeline of planner events.
create table incidents (
    id             varchar(255)             primary key,
    target         varchar                  not null,
    symptom        varchar                  not null,
    state          varchar(16)              not null,
    onset_at       timestamp with time zone null,
    detected_at    timestamp with time zone not null,
    closed_at      timestamp with time zone null,
    actions        integer                  not null,
    last_cycle_id  bigint                   not null
);
create index incidents_state_idx on incidents (state, detected_at);
create index incidents_target_idx on incidents (target, detected_at);

create table incident_events (
    incident_id    varchar(255)             not null references incidents (id) on delete cascade,
    seq            integer                  not null,
    cycle_id       bigint                   not null references cycles (id) on delete cascade,
    at             timestamp with time zone not null,
    state          varchar(16)              not null,
    action_id      varchar                  null,
    note           varchar                  not null,
    primary key (incident_id, seq)
);
create index incident_events_cycle_idx on incident_events (cycle_id);
