import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One table of the SSD (or of Caseweight's extension to it): its columns and key. */
export interface SsdTableSpec {
  name: string;
  columns: string[];
  key: string;
  /** Columns holding dates (SQL DATETIME in the SSD). */
  dates: Set<string>;
  /** Caseweight's own extension table, written by `export ssd` for what the SSD cannot carry. */
  extension: boolean;
}

interface SpecJson {
  ssd_version: string;
  tables: { name: string; fields: { field: string; type: string; primary_key: boolean }[] }[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const json = JSON.parse(readFileSync(path.join(here, 'ssd_workload_spec.json'), 'utf8')) as SpecJson;


/**
 * Extension tables: the register's fields the SSD has no place for (team service, contracted
 * hours, ASYE start, absences, posts, restricted records, interpreter and other complexity
 * factors, long-term placements, care leavers' dates, recorded work with no SSD table). A council's own extract
 * never has them; Caseweight's export writes them so a round trip loses nothing.
 */
const EXTENSIONS: Record<string, { columns: string[]; dates?: string[] }> = {
  caseweight_teams: { columns: ['team_id', 'service'] },
  caseweight_practitioners: {
    columns: ['prof_professional_id', 'team_id', 'role', 'qualified_on', 'asye_start', 'contracted_weekly_hours', 'working_pattern', 'started_on', 'left_on'],
    dates: ['qualified_on', 'asye_start', 'started_on', 'left_on'],
  },
  caseweight_absences: { columns: ['absence_id', 'prof_professional_id', 'kind', 'start_date', 'end_date'], dates: ['start_date', 'end_date'] },
  caseweight_posts: { columns: ['post_id', 'team_id', 'role', 'fte', 'status', 'held_by', 'covered_by'] },
  caseweight_children: { columns: ['pers_person_id', 'restricted'] },
  caseweight_complexity_factors: { columns: ['factor_id', 'person_id', 'factor', 'start_date', 'end_date'], dates: ['start_date', 'end_date'] },
  caseweight_placements: { columns: ['clap_cla_placement_id', 'long_term'] },
  // The SSD lists today's care leavers with no dates; a period of leaving care that has ended has no place in it.
  caseweight_care_leaver_periods: { columns: ['clea_table_id', 'person_id', 'start_date', 'end_date'], dates: ['start_date', 'end_date'] },
  caseweight_recorded_activities: { columns: ['recorded_id', 'person_id', 'activity_code', 'occurred_on', 'hours'], dates: ['occurred_on'] },
};

export const SSD_TABLES: ReadonlyMap<string, SsdTableSpec> = new Map([
  ...json.tables.map((t): [string, SsdTableSpec] => {
    const key = t.fields.find((f) => f.primary_key)?.field ?? t.fields[0]!.field;
    return [t.name, {
      name: t.name,
      columns: t.fields.map((f) => f.field),
      key,
      dates: new Set(t.fields.filter((f) => f.type === 'datetime').map((f) => f.field)),
      extension: false,
    }];
  }),
  ...Object.entries(EXTENSIONS).map(([name, e]): [string, SsdTableSpec] => [name, {
    name, columns: e.columns, key: e.columns[0]!, dates: new Set(e.dates ?? []), extension: true,
  }]),
]);

/**
 * Which table a file holds: by its name (`ssd_person.csv`, `ssd_development.ssd_person.csv`,
 * any case), or failing that by its columns (each SSD table has its own column prefix).
 */
export function recogniseSsdTable(fileName: string, header: readonly string[]): SsdTableSpec | undefined {
  const base = fileName.toLowerCase().replace(/\.(csv|txt)$/, '').split('.').pop()!.replace(/^#/, '');
  const byName = SSD_TABLES.get(base);
  if (byName) return byName;
  const cols = new Set(header.map((h) => h.toLowerCase()));
  let best: SsdTableSpec | undefined;
  let bestHits = 0;
  for (const spec of SSD_TABLES.values()) {
    const hits = spec.columns.filter((c) => cols.has(c)).length;
    if (cols.has(spec.key) && hits > bestHits) {
      best = spec;
      bestHits = hits;
    }
  }
  return best && bestHits >= Math.min(2, cols.size) ? best : undefined;
}
