-- A target reached over mutual TLS names the SPIFFE ID its server certificate must carry.
alter table targets add column spiffe_id varchar(2048) null;
