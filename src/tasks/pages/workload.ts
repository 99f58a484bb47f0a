/** Business support's workload page: the tasks they hold in hours, against their capacity, with a band. Pure. */
import type { FieldProblem } from '../../kernel/errors.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { en } from '../../platform/web/locales/en.ts';
import { formatDate, formatHours, formatNumber, formatPercent } from '../../platform/web/nunjucks.ts';
import type { SupportWorkloadData } from '../service/index.ts';
import { taskHref } from './tasks.ts';

export function toSupportWorkloadView(data: SupportWorkloadData, self: boolean, problems: readonly FieldProblem[] = [], typed?: string) {
  const { errorSummary, errors } = formErrors(problems);
  const c = data.capacity;
  const lines = (ls: SupportWorkloadData['mine']['lines']) => ls.map((l) => ({ ...l, href: taskHref(l.taskId), dueText: formatDate(l.dueOn), hoursText: formatNumber(l.hours.central) }));
  return {
    title: self ? 'My task workload' : `${data.name}: task workload`,
    name: data.name, self, dateText: formatDate(data.date), configVersion: data.configVersion,
    band: data.band, bandText: en.bands[data.band],
    ratio: data.ratio ? formatPercent(data.ratio.central) : '–',
    ratioRange: data.ratio ? `${formatPercent(data.ratio.low)} to ${formatPercent(data.ratio.high)}` : 'no time for tasks this month',
    demand: { central: formatNumber(data.mine.total.central), low: formatNumber(data.mine.total.low), high: formatNumber(data.mine.total.high) },
    taskHours: formatNumber(c.taskHours),
    mine: lines(data.mine.lines),
    queue: lines(data.queue.lines), queueHours: formatNumber(data.queue.total.central),
    queueHref: `/tasks/queue?team=${encodeURIComponent(data.teamIds[0] ?? '')}`,
    capacityRows: [
      { key: data.hoursSet ? 'Contracted hours this month' : 'Contracted hours this month (full time, until their hours are set)', value: formatHours(c.contractedHours) },
      { key: 'Annual leave and bank holidays (averaged)', value: `− ${formatHours(c.leaveHours)}` },
      ...c.protectedTime.map((p) => ({ key: p.name, value: `− ${formatHours(p.hours)}` })),
      { key: 'Available hours', value: formatHours(c.availableHours) },
      { key: 'Share of time for tasks handed over', value: formatPercent(c.taskShare) },
      { key: 'Hours for tasks', value: formatHours(c.taskHours) },
    ],
    hoursForm: data.maySetHours ? { action: `/tasks/workload/${encodeURIComponent(data.userId)}/hours`, value: typed ?? formatNumber(data.weeklyHours), error: errors.weeklyHours } : null,
    errorSummary,
  };
}
