import type { Aggregate } from '../telemetry-store.js';

/**
 * One long/narrow table: a row per (measurement, six hierarchy levels, field, ts), the value in
 * the column of its type. The primary key makes writes idempotent (INSERT OR REPLACE) and is
 * the index history queries use. `ts` is epoch ms (BIGINT), so buckets are integer division.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS telemetry (
  measurement VARCHAR NOT NULL,
  enterprise  VARCHAR NOT NULL,
  site        VARCHAR NOT NULL,
  area        VARCHAR NOT NULL,
  line        VARCHAR NOT NULL,
  cell        VARCHAR NOT NULL,
  device      VARCHAR NOT NULL,
  field       VARCHAR NOT NULL,
  ts          BIGINT  NOT NULL,
  num_value   DOUBLE,
  text_value  VARCHAR,
  bool_value  BOOLEAN,
  PRIMARY KEY (measurement, enterprise, site, area, line, cell, device, field, ts)
);
CREATE SEQUENCE IF NOT EXISTS dead_letter_seq;
CREATE TABLE IF NOT EXISTS dead_letter (
  seq           BIGINT  PRIMARY KEY DEFAULT nextval('dead_letter_seq'),
  received_at   BIGINT  NOT NULL,
  reason        VARCHAR NOT NULL,
  topic         VARCHAR NOT NULL,
  detail        VARCHAR NOT NULL,
  payload_bytes BIGINT  NOT NULL,
  payload_head  VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY, probed_at BIGINT NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS telemetry_staging (
  ord BIGINT NOT NULL,
  measurement VARCHAR, enterprise VARCHAR, site VARCHAR, area VARCHAR, line VARCHAR, cell VARCHAR, device VARCHAR,
  field VARCHAR, ts BIGINT, num_value DOUBLE, text_value VARCHAR, bool_value BOOLEAN
);
`;

const KEY = 'measurement, enterprise, site, area, line, cell, device, field, ts';

/** Staged batch → table; within a batch the last row per key wins, as a later write would. */
export const UPSERT_SQL = `
INSERT OR REPLACE INTO telemetry (${KEY}, num_value, text_value, bool_value)
SELECT ${KEY}, num_value, text_value, bool_value FROM temp.telemetry_staging
QUALIFY row_number() OVER (PARTITION BY ${KEY} ORDER BY ord DESC) = 1`;

const SERIES = `measurement = $measurement AND enterprise = $enterprise AND site = $site AND area = $area AND line = $line
  AND cell = $cell AND device = $device AND field = $field AND ts >= $from AND ts < $to`;

export const RAW_SQL = `SELECT ts, num_value, text_value, bool_value FROM telemetry WHERE ${SERIES} ORDER BY ts LIMIT $limit`;

/** Per-bucket value columns: numeric aggregates over num_value; `last` keeps any type. */
const AGG_SQL: Record<Aggregate, string> = {
  mean: 'avg(num_value) AS num_value, NULL::VARCHAR AS text_value, NULL::BOOLEAN AS bool_value',
  min: 'min(num_value) AS num_value, NULL::VARCHAR AS text_value, NULL::BOOLEAN AS bool_value',
  max: 'max(num_value) AS num_value, NULL::VARCHAR AS text_value, NULL::BOOLEAN AS bool_value',
  last: 'arg_max(num_value, ts) AS num_value, arg_max(text_value, ts) AS text_value, arg_max(bool_value, ts) AS bool_value',
};

/** Epoch-aligned buckets like InfluxDB's GROUP BY time(); empty buckets left out like fill(none). */
export function bucketSql(agg: Aggregate): string {
  return `SELECT bucket AS ts, num_value, text_value, bool_value FROM (
  SELECT (ts // $every) * $every AS bucket, ${AGG_SQL[agg]} FROM telemetry WHERE ${SERIES} GROUP BY bucket
) WHERE num_value IS NOT NULL OR text_value IS NOT NULL OR bool_value IS NOT NULL ORDER BY bucket LIMIT $limit`;
}

export const INSERT_DEAD_LETTER_SQL = `INSERT INTO dead_letter (received_at, reason, topic, detail, payload_bytes, payload_head) VALUES ($1, $2, $3, $4, $5, $6)`;

export const DEAD_LETTERS_SQL = `SELECT received_at, reason, topic, detail, payload_bytes, payload_head FROM dead_letter
WHERE received_at >= $from AND received_at < $to ORDER BY received_at, seq LIMIT $limit`;

export const HEALTH_SQL = `INSERT OR REPLACE INTO health_probe VALUES (1, $now)`;
