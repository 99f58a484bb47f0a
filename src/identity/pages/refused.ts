import type { FastifyReply } from 'fastify';
import { renderStandalone } from '../../platform/web/index.ts';
import type { Block, ContentPage, Part } from '../../platform/web/locales/service-pages.ts';
import type { Refusal } from '../service/index.ts';

export interface AccessContact {
  name: string | undefined;
  email: string | undefined;
}

const mail = (email: string): Part => ({ text: email, href: `mailto:${email}` });

/** "ask the IT service desk at desk@council.gov.uk", or whom to ask when the council has not said. */
function askParts(contact: AccessContact): Part[] {
  if (contact.name && contact.email) return ['ask ', contact.name, ' at ', mail(contact.email)];
  if (contact.name) return ['ask ', contact.name];
  if (contact.email) return ['email ', mail(contact.email)];
  return ['ask your manager or your council’s IT service desk'];
}

const signedInAs = (email: string): Part[] => (email ? [' Give them the email address you signed in with: ', email, '.'] : ['']);

/** The page for someone the council's sign-in service knows but Caseweight turns away: why, and whom to ask. */
export function toRefusedView(refusal: Refusal, email: string, contact: AccessContact): ContentPage {
  const ask = askParts(contact);
  const again: Block = { p: [{ text: 'Go back to the sign-in page', href: '/sign-in' }] };
  switch (refusal) {
    case 'no_access':
      return {
        title: 'You do not have access to Caseweight',
        blocks: [
          { p: ['Your council account signed you in, but it does not give you access to Caseweight.'] },
          { p: ['To get access, ', ...ask, '. Tell them your job and your team.', ...signedInAs(email)] },
          again,
        ],
      };
    case 'disabled':
      return {
        title: 'Your Caseweight account is switched off',
        blocks: [
          { p: ['You cannot sign in because your Caseweight account has been switched off. This usually happens when someone leaves or changes job.'] },
          { p: ['If you still need Caseweight for your work, ', ...ask, '.', ...signedInAs(email)] },
          again,
        ],
      };
    case 'groups_overage':
      return {
        title: 'Caseweight could not check your access',
        blocks: [
          { p: ['Your council account is in more groups than the sign-in service can send to Caseweight, so Caseweight cannot tell what you should have access to.'] },
          { p: ['To get this fixed, ', ...ask, '. Tell them Caseweight could not read your groups because you are in more than 200.', ...signedInAs(email)] },
          { inset: ['Your IT team can fix this by setting the sign-in service to send Caseweight only the groups assigned to it.'] },
          again,
        ],
      };
  }
}

export function renderRefusedPage(reply: FastifyReply, refusal: Refusal, email: string, contact: AccessContact): string {
  return renderStandalone(reply, 'platform/web/templates/content.njk', { ...toRefusedView(refusal, email, contact) });
}
