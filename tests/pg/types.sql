-- A database of the cases the reader must get right: every type it maps,
-- COPY's escapes, a domain, infinite dates, a table one role may not
-- read, and a schema with no table.
CREATE DATABASE types;
\connect types
CREATE SCHEMA typed;
CREATE SCHEMA empty;
CREATE DOMAIN typed.money_amount AS numeric(12, 2);
CREATE TABLE typed.everything (
  item_id     bigint PRIMARY KEY,
  quantity    smallint,
  big         bigint,
  amount      typed.money_amount,
  ratio       real,
  score       double precision,
  day         date,
  stamp       timestamp,
  stamp_tz    timestamptz,
  flag        boolean,
  token       uuid,
  code        char(4),
  label       varchar(40),
  note        text
);
SET TIME ZONE 'Europe/Paris';
INSERT INTO typed.everything VALUES
  (1, 3, 9007199254740993, 12.50, 0.1, 0.30000000000000004, '2024-02-29', '2024-05-01 10:00:00.123456',
   '2024-05-01 12:00:00+02', true, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'ab', 'Website', E'tab\there, line\nbreak and back\\slash'),
  (2, NULL, -5, 'NaN', NULL, '-Infinity', 'infinity', '1969-12-31 23:59:59', NULL, false, NULL, NULL, NULL, ''),
  (3, 7, 0, 0.01, 2.5, 1e300, '1970-01-01', NULL, '1970-01-01 00:00:00+00', NULL, '00000000-0000-0000-0000-000000000000',
   'wxyz', 'Mobile App', 'plain');
-- Keys inference would not find: a reference from a plain integer
-- column named for no entity, and a key that is not the first unique
-- column.
CREATE TABLE typed.child (
  child_id bigint PRIMARY KEY,
  parent   bigint REFERENCES typed.everything
);
INSERT INTO typed.child VALUES (10, 1), (11, 3), (12, NULL);
CREATE TABLE typed.lookup (
  rank integer NOT NULL UNIQUE,
  code text PRIMARY KEY
);
INSERT INTO typed.lookup VALUES (1, 'gold'), (2, 'silver'), (3, 'bronze');
CREATE TABLE public.secret (id integer, payload text);
CREATE ROLE reader LOGIN;
GRANT SELECT (id) ON public.secret TO reader;
