// Loads the four automotive tables into DuckDB with read_csv_auto and
// prints "duckdb <seconds> <peak RSS MB> <rows>" like bench-load does.
import { DuckDBInstance } from '@duckdb/node-api';

const folder = process.argv[2];
const started = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
let rows = 0;
for (const table of ['users', 'cars', 'sales', 'visits']) {
  await connection.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv_auto('${folder}/${table}.csv')`);
  const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
  rows += Number(reader.getRows()[0][0]);
}
const elapsed = (performance.now() - started) / 1000;
const peak = Math.floor(process.resourceUsage().maxRSS / 1024);
console.log(`duckdb ${elapsed.toFixed(3)} ${peak} ${rows}`);
