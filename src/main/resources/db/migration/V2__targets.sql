-- Targets created through /api/v1/targets; targets declared in application.yml are not stored.
create table targets (
    id                  varchar(63)              primary key,
    kind                varchar(16)              not null,
    url                 varchar                  null,
    timeout_seconds     double precision         not null,
    expected_status     integer                  not null,
    json_pointer        varchar                  null,
    expected_json_value varchar                  null,
    target_group        varchar(63)              null,
    labels              varchar                  not null,
    updated_at          timestamp with time zone not null
);
