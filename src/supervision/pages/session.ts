import type { FieldProblem } from '../../kernel/errors.ts';
import { ukDateTime } from '../../kernel/time.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { formatDate } from '../../platform/web/nunjucks.ts';
import { COMMENT_LIMIT } from '../model/session.ts';
import type { SessionPageData } from '../service/index.ts';

export function toSessionView(data: SessionPageData, comment = '', problems: readonly FieldProblem[] = []) {
  const { errorSummary, errors } = formErrors(problems);
  const id = encodeURIComponent(data.practitioner.practitionerId);
  return {
    title: `Supervision on ${formatDate(data.heldOn)}: ${data.practitioner.name}`,
    name: data.practitioner.name,
    heading: `Supervision on ${formatDate(data.heldOn)}`,
    errorSummary, errors, comment, commentLimit: COMMENT_LIMIT,
    summary: [
      { key: { text: 'Supervisee' }, value: { text: data.practitioner.name } },
      { key: { text: 'Supervisor' }, value: { text: data.supervisorName } },
      { key: { text: 'Length' }, value: { text: `${data.minutes} minutes` } },
    ],
    cases: data.cases.map((c) => ({
      name: c.childName ?? 'A case you cannot open',
      href: c.childName ? `/children/${encodeURIComponent(c.childId)}/notes#note-${encodeURIComponent(c.noteId)}` : null,
    })),
    reflective: data.reflective ? {
      wellbeing: data.reflective.wellbeing || 'Nothing recorded.',
      development: data.reflective.development || 'Nothing recorded.',
      comments: data.reflective.comments.map((c) => ({ author: c.authorName, when: ukDateTime(c.writtenAt), text: c.text })),
    } : null,
    commentAction: data.mayComment ? `/supervision/${encodeURIComponent(data.sessionId)}/comments` : null,
    backHref: `/practitioners/${id}/supervision`,
  };
}
