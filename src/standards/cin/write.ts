import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CinCensus } from './model.ts';
import { CURRENT_SCHEMA_YEAR, validateAgainstSchema, type SchemaProblem } from './schema.ts';

/** The census as XML in the current (2025/26) layout: elements in the schema's order, optional ones left out when empty. */
export function cinXml(census: CinCensus): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const message = doc.ele('Message');
  const header = message.ele('Header');
  const details = header.ele('CollectionDetails');
  details.ele('Collection').txt('CIN');
  details.ele('Year').txt(String(census.year));
  details.ele('ReferenceDate').txt(census.referenceDate);
  if (census.lea) {
    const source = header.ele('Source');
    source.ele('SourceLevel').txt('L');
    source.ele('LEA').txt(census.lea);
    source.ele('SoftwareCode').txt('Caseweight');
  }
  const children = message.ele('Children');
  for (const c of census.children) {
    const child = children.ele('Child');
    const ids = child.ele('ChildIdentifiers');
    ids.ele('LAchildID').txt(c.id);
    opt(ids, 'UPN', c.upn);
    opt(ids, 'PersonBirthDate', c.birthDate);
    opt(ids, 'ExpectedPersonBirthDate', c.expectedBirthDate);
    ids.ele('Sex').txt(c.sex);
    opt(ids, 'PersonDeathDate', c.deathDate);
    const traits = child.ele('ChildCharacteristics');
    traits.ele('Ethnicity').txt(c.ethnicity);
    if (c.disabilities.length > 0) {
      const d = traits.ele('Disabilities');
      for (const code of c.disabilities) d.ele('Disability').txt(code);
    }
    for (const e of c.episodes) {
      const cin = child.ele('CINdetails');
      cin.ele('CINreferralDate').txt(e.referralDate);
      cin.ele('ReferralSource').txt(e.referralSource);
      opt(cin, 'PrimaryNeedCode', e.primaryNeed);
      opt(cin, 'CINclosureDate', e.closureDate);
      opt(cin, 'ReasonForClosure', e.reasonForClosure);
      opt(cin, 'DateOfInitialCPC', e.initialCpcDate);
      for (const a of e.assessments) {
        const x = cin.ele('Assessments');
        x.ele('AssessmentActualStartDate').txt(a.start);
        opt(x, 'AssessmentInternalReviewDate', a.internalReview);
        opt(x, 'AssessmentAuthorisationDate', a.authorised);
        if (a.factors.length > 0) {
          const f = x.ele('FactorsIdentifiedAtAssessment');
          for (const code of a.factors) f.ele('AssessmentFactors').txt(code);
        }
      }
      for (const p of e.cinPlans) {
        const x = cin.ele('CINPlanDates');
        x.ele('CINPlanStartDate').txt(p.start);
        opt(x, 'CINPlanEndDate', p.end);
      }
      for (const s of e.section47s) {
        const x = cin.ele('Section47');
        x.ele('S47ActualStartDate').txt(s.start);
        opt(x, 'InitialCPCtarget', s.icpcTarget);
        opt(x, 'DateOfInitialCPC', s.icpcDate);
        x.ele('ICPCnotRequired').txt(s.icpcNotRequired ? '1' : '0');
      }
      cin.ele('ReferralNFA').txt(e.referralNfa ? '1' : '0');
      for (const p of e.cpPlans) {
        const x = cin.ele('ChildProtectionPlans');
        x.ele('CPPstartDate').txt(p.start);
        opt(x, 'CPPendDate', p.end);
        x.ele('InitialCategoryOfAbuse').txt(p.initialCategory);
        x.ele('LatestCategoryOfAbuse').txt(p.latestCategory);
        x.ele('NumberOfPreviousCPP').txt(String(p.previousPlans));
        if (p.reviews.length > 0) {
          const r = x.ele('Reviews');
          for (const day of p.reviews) r.ele('CPPreviewDate').txt(day);
        }
      }
    }
  }
  return doc.end({ prettyPrint: true });
}

function opt(parent: XMLBuilder, name: string, value: string | null): void {
  if (value !== null && value !== '') parent.ele(name).txt(value);
}

/**
 * The census as a file, only if it passes the current schema: a return that would fail at the
 * DfE is refused here, with the reasons.
 */
export async function writeCinCensus(census: CinCensus, name = 'cin_census.xml'): Promise<{ ok: true; xml: string } | { ok: false; problems: SchemaProblem[] }> {
  const xml = cinXml(census);
  const problems = await validateAgainstSchema([{ name, text: xml }], CURRENT_SCHEMA_YEAR);
  return problems.length === 0 ? { ok: true, xml } : { ok: false, problems };
}
