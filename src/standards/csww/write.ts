import { create } from 'xmlbuilder2';
import type { CswwCensus } from './read.ts';
import { validateCsww, type CswwSchemaProblem } from './schema.ts';

export interface CswwOut extends CswwCensus {
  /** Three-digit DfE local authority code, when the council has one. */
  lea: string | null;
  year: number;
}

const fte = (n: number) => n.toFixed(6);
const two = (n: number) => n.toFixed(2);

/**
 * A workforce census as XML, elements in the schema's order, then validated against the XSD:
 * a census that fails is returned with the schema's reasons, never offered as a return.
 * QualInst is required by the schema but not held by Caseweight, so it is written empty.
 */
export async function writeCsww(census: CswwOut): Promise<{ ok: true; xml: string } | { ok: false; problems: CswwSchemaProblem[]; xml: string }> {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const message = doc.ele('Message');
  const header = message.ele('Header');
  const details = header.ele('CollectionDetails');
  details.ele('Collection').txt('CSWW');
  details.ele('Year').txt(String(census.year));
  if (census.referenceDate) details.ele('ReferenceDate').txt(census.referenceDate);
  if (census.lea) header.ele('Source').ele('LEA').txt(census.lea);
  const vac = message.ele('LALevelVacancies');
  vac.ele('NumberOfVacancies').txt(two(census.vacancies.fte));
  vac.ele('NoAgencyFTE').txt(two(census.vacancies.agencyFte));
  vac.ele('NoAgencyHeadcount').txt(String(census.vacancies.agencyHeadcount));
  for (const w of census.workers) {
    const e = message.ele('CSWWWorker');
    e.ele('AgencyWorker').txt(w.agency ? '1' : '0');
    e.ele('SWENo').txt(w.swe);
    if (w.fte !== null) e.ele('FTE').txt(fte(w.fte));
    e.ele('QualInst');
    if (w.orgRole !== null) e.ele('OrgRole').txt(w.orgRole);
    if (w.roleStart !== null) e.ele('RoleStartDate').txt(w.roleStart);
    if (w.roleEnd !== null) e.ele('RoleEndDate').txt(w.roleEnd);
    if (w.fte30 !== null) e.ele('FTE30').txt(fte(w.fte30));
    if (w.cases30 !== null) e.ele('Cases30').txt(String(w.cases30));
    if (w.workingDaysLost !== null) e.ele('WorkingDaysLost').txt(two(w.workingDaysLost));
    if (w.absentOn30Sept !== null) e.ele('Absat30Sept').txt(w.absentOn30Sept ? '1' : '0');
    if (w.reasonAbsence !== null) e.ele('ReasonAbsence').txt(w.reasonAbsence);
  }
  const xml = doc.end({ prettyPrint: true });
  const problems = await validateCsww(xml);
  return problems.length === 0 ? { ok: true, xml } : { ok: false, problems, xml };
}
