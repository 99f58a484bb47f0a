import { formatDate } from '../../platform/web/nunjucks.ts';
import { STATE_WORDS } from '../model/schedule.ts';
import type { StatusData, SuperviseePageData } from '../service/index.ts';

/** "Overdue: was due 3 June 2026 (5 days ago)", "Next due by 10 June 2026". */
export function dueText(s: StatusData): string {
  return s.state === 'overdue' ? `Was due by ${formatDate(s.dueOn)} (${s.daysOverdue} ${s.daysOverdue === 1 ? 'day' : 'days'} ago)` : `Next due by ${formatDate(s.dueOn)}`;
}

export function toSuperviseeView(data: SuperviseePageData) {
  const p = data.practitioner;
  const id = encodeURIComponent(p.practitionerId);
  return {
    title: data.self ? 'My supervision' : `${p.name}: supervision`,
    heading: data.self ? 'My supervision' : p.name,
    caption: data.self ? p.name : 'Supervision',
    state: STATE_WORDS[data.status.state],
    due: dueText(data.status),
    summary: [
      { key: { text: 'Supervision' }, value: { text: `${data.status.frequency.charAt(0).toUpperCase()}${data.status.frequency.slice(1)}${p.inAsye ? ' (newly qualified, in the ASYE)' : ''}` } },
      { key: { text: 'Last session' }, value: { text: data.status.lastOn ? formatDate(data.status.lastOn) : 'None recorded' } },
      ...(data.status.lastAnyOn && data.status.lastAnyOn !== data.status.lastOn ? [{ key: { text: 'Shorter session since' }, value: { text: `${formatDate(data.status.lastAnyOn)}: under ${data.policy.minimumMinutes} minutes, so it does not count on the schedule` } }] : []),
      { key: { text: 'Next session' }, value: { text: dueText(data.status) } },
    ],
    source: data.policy.source,
    minimumMinutes: data.policy.minimumMinutes,
    policyVersion: data.policy.version,
    policyHref: data.policy.mayOpen ? '/settings/supervision' : null,
    rows: data.sessions.map((s) => [
      { html: `<a class="govuk-link" href="/supervision/${encodeURIComponent(s.sessionId)}">${formatDate(s.heldOn)}</a>` },
      { text: `${s.minutes} minutes` },
      { text: s.supervisorName },
    ]),
    recordHref: data.mayRecord ? `/practitioners/${id}/supervision/new` : null,
    workloadHref: `/practitioners/${id}`,
  };
}
