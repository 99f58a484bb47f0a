import type { FastifyInstance } from 'fastify';
import { InvalidInputError } from '../../kernel/errors.ts';
import { requestOrigin } from '../../platform/request.ts';
import { renderPage, webPages } from '../../platform/web/index.ts';
import { formErrors } from '../../platform/web/forms.ts';
import type { IdentityService } from '../service/index.ts';

type Body = { token?: string; password?: string; confirm?: string; name?: string; email?: string };
const hidden = { schema: { hide: true } };
// Each try costs an Argon2id hash: a few a minute is plenty for a person, and a guesser gets nowhere (tokens are 256-bit).
const limited = { ...hidden, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } };
const ENDED = 'This link has been used or has ended';

/** The one-time links: setting a password (a new account or a reset) and the first administrator's setup. */
export async function registerLinkPages(app: FastifyInstance, identity: IdentityService): Promise<void> {
  await webPages(app, (pages) => {
    const ended = (request: Parameters<typeof renderPage>[0], reply: Parameters<typeof renderPage>[1], what: string) =>
      renderPage(request, reply, 'platform/web/templates/error.njk', { title: ENDED, paragraphs: [what] }, 400);

    const setPasswordForm = { title: 'Set your password', heading: 'Set your password', action: '/set-password', button: 'Set password' };
    pages.get<{ Querystring: { token?: string } }>('/set-password', hidden, async (request, reply) => {
      const token = String(request.query.token ?? '');
      const link = await identity.describeLink(token);
      if (link?.purpose !== 'set_password') return ended(request, reply, 'Ask your system administrator for a new link to set your password.');
      return renderPage(request, reply, 'identity/pages/set-password.njk', { ...setPasswordForm, token, lead: `For ${link.name} (${link.email}).`, errors: {} });
    });
    pages.post<{ Body: Body }>('/set-password', limited, async (request, reply) => {
      const body = request.body ?? {};
      const token = String(body.token ?? '');
      try {
        await identity.setPasswordWithLink(token, String(body.password ?? ''), String(body.confirm ?? ''), requestOrigin(request));
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        if (error.problems.length === 0) return ended(request, reply, error.message);
        return renderPage(request, reply, 'identity/pages/set-password.njk', { ...setPasswordForm, token, ...formErrors(error.problems) }, 400);
      }
      return renderPage(request, reply, 'identity/pages/done.njk', { title: 'Your password is set', heading: 'Your password is set', paragraphs: ['Sign in with your email address and your new password.'] });
    });

    const setupForm = { title: 'Set up Caseweight', heading: 'Create the first system administrator', action: '/setup', button: 'Create the account', askName: true,
      lead: 'This link works once. The account you create manages everyone else’s: use your own name and work email address.' };
    pages.get<{ Querystring: { token?: string } }>('/setup', hidden, async (request, reply) => {
      const token = String(request.query.token ?? '');
      const link = await identity.describeLink(token);
      if (link?.purpose !== 'first_administrator') return ended(request, reply, 'Caseweight already has a system administrator, or this setup link has ended. Ask the system administrator for an account.');
      return renderPage(request, reply, 'identity/pages/set-password.njk', { ...setupForm, token, name: '', email: '', errors: {} });
    });
    pages.post<{ Body: Body }>('/setup', limited, async (request, reply) => {
      const body = request.body ?? {};
      const token = String(body.token ?? '');
      const input = { name: String(body.name ?? ''), email: String(body.email ?? ''), password: String(body.password ?? ''), confirm: String(body.confirm ?? '') };
      try {
        await identity.createFirstAdministrator(token, input, requestOrigin(request));
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        if (error.problems.length === 0) return ended(request, reply, error.message);
        return renderPage(request, reply, 'identity/pages/set-password.njk', { ...setupForm, token, name: input.name, email: input.email, ...formErrors(error.problems) }, 400);
      }
      return renderPage(request, reply, 'identity/pages/done.njk', { title: 'The first system administrator is set up', heading: 'Your account is ready',
        paragraphs: ['Sign in, then add the council’s other users from the Users page.', 'The setup link no longer works.'] });
    });
  });
}
