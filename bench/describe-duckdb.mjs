// The facts mercato-cli describe gives (types, min, max, distinct,
// nulls), asked of DuckDB: read_csv_auto into tables, then SUMMARIZE of
// each. Prints "duckdb <seconds> <peak RSS MB> <rows>" like the other
// contenders of bench/run-describe-bench.sh.
//
//   node bench/describe-duckdb.mjs FOLDER
import { readdirSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const folder = process.argv[2];
const started = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
let rows = 0;
for (const file of readdirSync(folder).filter((name) => name.endsWith('.csv')).sort()) {
  const table = file.slice(0, -4);
  await connection.run(`CREATE TABLE "${table}" AS SELECT * FROM read_csv_auto('${folder}/${file}')`);
  const count = await connection.runAndReadAll(`SELECT count(*) FROM "${table}"`);
  rows += Number(count.getRows()[0][0]);
  await connection.runAndReadAll(`SUMMARIZE "${table}"`);
}
const elapsed = (performance.now() - started) / 1000;
const peak = Math.floor(process.resourceUsage().maxRSS / 1024);
console.log(`duckdb ${elapsed.toFixed(3)} ${peak} ${rows}`);
