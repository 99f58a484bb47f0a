/**
 * The demo council's pulse: three ended months and the month so far, answered by most of each
 * team, with two small teams (two to four answers) so that withholding shows on the pages. Each
 * team has its own level of strain, higher in child protection, so the pages have something to
 * compare with the model. Deterministic from the council and the day. Pure.
 */
import { inPostOn } from '../kernel/register.ts';
import type { AnswerRow } from '../pulse/model/publish.ts';
import type { AnswerCode } from '../pulse/model/questions.ts';
import { addMonth, monthOf } from '../pulse/model/months.ts';
import type { CouncilData } from './generate.ts';
import { Random } from './random.ts';

const ENDED_MONTHS = 3;

export function demoPulseAnswers(data: CouncilData, asOf: string, seed = 1): (AnswerRow & { month: string })[] {
  const rnd = new Random(seed * 7919 + 16);
  const open = monthOf(asOf);
  // The progress of the open month: only some have answered so far (it is never shown).
  const soFar = Number(asOf.slice(8, 10)) / 31;
  const small = new Set(rnd.shuffle(data.teams.map((t) => t.team_id)).slice(0, Math.min(2, Math.max(0, data.teams.length - 2))));
  const out: (AnswerRow & { month: string })[] = [];
  for (const team of data.teams) {
    const staff = data.practitioners.filter((p) => p.team_id === team.team_id && inPostOn(p, asOf)).length;
    const strain = Math.min(0.9, rnd.between(0.15, 0.6) + (team.service === 'child_protection' ? 0.15 : 0));
    for (let back = ENDED_MONTHS; back >= 0; back--) {
      const month = addMonth(open, -back);
      const s = strain + rnd.between(-0.06, 0.06);
      const full = small.has(team.team_id) ? rnd.int(2, 4) : Math.round(staff * rnd.between(0.55, 0.85));
      const respondents = back === 0 ? Math.floor(full * soFar) : full;
      for (let i = 0; i < respondents; i++) {
        out.push({
          month, teamId: team.team_id,
          workload: draw(rnd, 1.5 + 2.4 * s), extraHours: draw(rnd, 1.6 + 2.6 * s), safe: draw(rnd, 1.7 + 1.6 * s), stay: draw(rnd, 1.6 + 2.2 * s),
        });
      }
    }
  }
  return out;
}

/** An answer around a centre (1 best … 5 worst), spread over about two answers either side. */
function draw(rnd: Random, centre: number): AnswerCode {
  const x = centre + (rnd.float() + rnd.float() - 1) * 2;
  return Math.min(5, Math.max(1, Math.round(x))) as AnswerCode;
}
