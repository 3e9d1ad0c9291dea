/*
 * The PostgreSQL side of `scripts/bench/benchCatalogScale.ts`: the server it
 * connects to, a check that it answers, the databases a run leaves behind,
 * and the CPU time its processes (and the backend's) use, read from /proc.
 */
import { readFileSync, readdirSync } from 'node:fs';
import knexFactory from 'knex';

/** The server: localhost:5432, user and password `postgres` unless PGHOST, PGPORT, PGUSER, PGPASSWORD say otherwise. */
export const pg = {
  host: process.env.PGHOST ?? 'localhost',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? 'postgres',
};

const adminKnex = () =>
  knexFactory({ client: 'pg', connection: { ...pg, database: 'postgres' } });

/** Fails early, with the remedy, when PostgreSQL does not answer. */
export async function checkPostgres(): Promise<void> {
  const knex = adminKnex();
  try {
    await knex.raw('select 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${pg.host}:${pg.port} did not answer (${error}): start it ` +
        `(scripts/ensure-test-deps.sh does, as root) or pass --sqlite`,
    );
  } finally {
    await knex.destroy();
  }
}

/** Drops the databases whose names start with `prefix` (a run's own). */
export async function dropDatabases(prefix: string): Promise<void> {
  const knex = adminKnex();
  try {
    const names: string[] = await knex('pg_database')
      .where('datname', 'like', `${prefix}%`)
      .pluck('datname');
    for (const name of names)
      await knex.raw('drop database if exists ?? with (force)', [name]);
  } finally {
    await knex.destroy();
  }
}

/**
 * CPU seconds (user + system) the processes `pids` have used, from
 * /proc/<pid>/stat: a load-independent measure of the ingestion's cost.
 */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // the fields after the command name, which may hold spaces: utime and stime are 14 and 15
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process exited
    }
  }
  return ticks / 100; // USER_HZ
}

/**
 * The CPU seconds PostgreSQL's processes have used since this call, read at
 * each call of the function it returns. A connection's process takes its
 * CPU time with it when it exits, so a plain sum over the live processes
 * can go down (it printed "PostgreSQL -1 s"); this keeps the last figure of
 * every process it has seen (a process that exits between two reads loses
 * only what it used since the first of them).
 */
export function postgresCpuMeter(): () => number {
  const base = new Map<number, number>();
  const last = new Map<number, number>();
  for (const pid of postgresPids()) {
    const seconds = cpuSeconds([pid]);
    base.set(pid, seconds);
    last.set(pid, seconds);
  }
  return () => {
    for (const pid of postgresPids())
      last.set(pid, Math.max(last.get(pid) ?? 0, cpuSeconds([pid])));
    let total = 0;
    for (const [pid, seconds] of last) total += seconds - (base.get(pid) ?? 0);
    return total;
  };
}

/** The pids of the PostgreSQL server's processes on this machine. */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter(d => /^\d+$/.test(d))
    .filter(d => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}
