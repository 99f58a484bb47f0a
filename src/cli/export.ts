import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../platform/config.ts';
import { ukDay } from '../kernel/time.ts';
import { withServices, type OperatorOptions } from './context.ts';
import { progressBar } from './progress.ts';

/** `caseweight export ssd DIR`: one CSV per SSD table, checked by the importer's own reader first. */
export async function exportSsdCommand(config: Config, dir: string, options: OperatorOptions): Promise<void> {
  await withBar('SSD export', (progress) => withServices(config, options, async ({ exchange }, ctx) => {
    const files = await exchange.exportSsd(ctx, progress.update);
    await mkdir(dir, { recursive: true });
    for (const f of files) await writeFile(path.join(dir, f.name), f.bytes);
    progress.stop();
    console.log(`Wrote ${files.length} SSD tables for ${options.council} to ${dir}. Try them with: caseweight import ssd ${dir} --council another`);
  }));
}

/** `caseweight export 903 DIR`: one CSV per 903 table, checked against the specification and read back first. */
export async function export903Command(config: Config, dir: string, options: OperatorOptions & { withDistance?: boolean }): Promise<void> {
  await withBar('SSDA903 export', (progress) => withServices(config, options, async ({ exchange }, ctx) => {
    const { files, notes } = await exchange.export903(ctx, { withDistance: options.withDistance === true }, progress.update);
    await mkdir(dir, { recursive: true });
    for (const f of files) await writeFile(path.join(dir, f.name), f.bytes);
    progress.stop();
    console.log(`Wrote ${files.length} SSDA903 tables for ${options.council} to ${dir}.`);
    for (const n of notes) console.log(`- ${n}`);
  }));
}

/** `caseweight export cin FILE --census-date YYYY-MM-DD`: the CIN census XML, written only if it passes the current schema. */
export async function exportCinCommand(config: Config, file: string, options: OperatorOptions & { censusDate: string }): Promise<void> {
  await withBar('CIN census', (progress) => withServices(config, options, async ({ exchange }, ctx) => {
    const { xml, children, notes } = await exchange.exportCin(ctx, options.censusDate, progress.update);
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, xml);
    progress.stop();
    console.log(`Wrote the CIN census for the year to ${options.censusDate} (${children} children) for ${options.council} to ${file}. It passes the 2025/26 schema.`);
    for (const n of notes) console.log(`- ${n}`);
  }));
}

/** `caseweight export csww FILE --census-date YYYY-MM-DD`: the workforce census XML, validated against the XSD first. */
export async function exportCswwCommand(config: Config, file: string, options: OperatorOptions & { censusDate: string }): Promise<void> {
  await withBar('Workforce census', (progress) => withServices(config, options, async ({ exchange }, ctx) => {
    const { xml, workers } = await exchange.exportCsww(ctx, options.censusDate, progress.update);
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, xml);
    progress.stop();
    console.log(`Wrote the workforce census for ${options.council} on ${options.censusDate} (${workers} workers) to ${file}. QualInst is written empty: Caseweight does not hold it.`);
  }));
}

/** `caseweight export annex-a FILE.xlsx [--date YYYY-MM-DD]`: Ofsted's Annex A lists for an inspection on the date (default today). */
export async function exportAnnexACommand(config: Config, file: string, options: OperatorOptions & { date?: string }): Promise<void> {
  const date = options.date ?? ukDay(new Date());
  await withBar('Annex A', (progress) => withServices(config, options, async ({ exchange }, ctx) => {
    const { bytes, counts, period } = await exchange.exportAnnexA(ctx, date, progress.update);
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, bytes, { mode: 0o600 });
    progress.stop();
    console.log(`Wrote Ofsted's Annex A for ${options.council} to ${file}: the six months ${period.start} to ${period.date}.`);
    for (const [n, rows] of Object.entries(counts)) console.log(`- List ${n}: ${rows} rows`);
    console.log('The About sheet says which lists and columns the register cannot fill. It holds children\'s records: keep it safe.');
  }));
}

/** A bar for the command's steps, stopped before its summary prints and again if it fails. */
async function withBar(label: string, run: (bar: ReturnType<typeof progressBar>) => Promise<void>): Promise<void> {
  const bar = progressBar(label);
  try {
    await run(bar);
  } finally {
    bar.stop();
  }
}
