import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../../kernel/errors.ts';
import { idParam } from '../../platform/http.ts';
import { requestContext } from '../../platform/request.ts';
import { renderPage, webPages } from '../../platform/web/index.ts';
import { formErrors } from '../../platform/web/forms.ts';
import { roleItems, toLinkView, toUsersTable, toUserView } from '../pages/users.ts';
import type { IdentityService } from '../service/index.ts';

const hidden = { schema: { hide: true } };
const withId = { schema: { hide: true, params: { type: 'object', properties: { userId: idParam } } } };
type Params = { Params: { userId: string } };
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === '' ? [] : [String(value)]);
const DONE: Record<string, string> = { disable: 'The account is disabled and its sessions have ended.', enable: 'The account is enabled.', unlock: 'The account is unlocked.', roles: 'Roles saved.', teams: 'Teams saved.' };
const crumbs = [{ text: 'Users', href: '/users' }];
// The link is for the administrator to pass on: the address they reached Caseweight by is the one the person will use.
const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The users pages: for system administrators (everyone else 404, audited by the service's access check). */
export async function registerUserPages(app: FastifyInstance, identity: IdentityService): Promise<void> {
  await webPages(app, (pages) => {
    pages.get('/users', hidden, async (request, reply) => {
      const accounts = await identity.listAccounts(requestContext(request));
      return renderPage(request, reply, 'identity/pages/users.njk', { title: 'Users', rows: toUsersTable(accounts), count: String(accounts.length) });
    });

    const newForm = (request: FastifyRequest, reply: FastifyReply, form: Record<string, string>, roles: string[], problems: InvalidInputError['problems'] = []) =>
      renderPage(request, reply, 'identity/pages/user-new.njk', { title: 'Add a user', form, roleItems: roleItems(roles), breadcrumbs: crumbs, ...formErrors(problems) }, problems.length ? 400 : 200);
    pages.get('/users/new', hidden, async (request, reply) => {
      // Asked first, so the empty form is refused (404) to anyone who may not add users.
      await identity.checkMayManageAccounts(requestContext(request));
      return newForm(request, reply, { name: '', email: '', teamIds: '', practitionerId: '' }, []);
    });
    pages.post<{ Body: Record<string, unknown> }>('/users/new', hidden, async (request, reply) => {
      const body = request.body ?? {};
      const form = { name: String(body.name ?? ''), email: String(body.email ?? ''), teamIds: String(body.teamIds ?? ''), practitionerId: String(body.practitionerId ?? '') };
      const roles = list(body.roles);
      try {
        const { account, link } = await identity.addAccount(requestContext(request), { name: form.name, email: form.email, roles, teamIds: [form.teamIds], practitionerId: form.practitionerId || null });
        return renderPage(request, reply, 'identity/pages/user-link.njk', { title: 'User added', heading: 'User added', link: toLinkView(account, link, origin(request)), breadcrumbs: crumbs });
      } catch (error) {
        if (!(error instanceof InvalidInputError) || error.problems.length === 0) throw error;
        return newForm(request, reply, form, roles, error.problems);
      }
    });

    const detail = async (request: FastifyRequest<Params>, reply: FastifyReply, problems: InvalidInputError['problems'] = [], done?: string) => {
      const account = await identity.getAccount(requestContext(request), { userId: request.params.userId });
      return renderPage(request, reply, 'identity/pages/user.njk', { title: account.name, user: toUserView(account, identity.rolesFromGroups), done, breadcrumbs: crumbs, ...formErrors(problems) }, problems.length ? 400 : 200);
    };
    pages.get<Params & { Querystring: { done?: string } }>('/users/:userId', withId, async (request, reply) => detail(request, reply, [], DONE[String(request.query.done ?? '')]));

    // Each change is one use case; a refusal in plain English re-shows the account with an error summary.
    const change = (path: string, run: (request: FastifyRequest<Params & { Body: Record<string, unknown> }>) => Promise<unknown>, field = 'roles') =>
      pages.post<Params & { Body: Record<string, unknown> }>(`/users/:userId/${path}`, withId, async (request, reply) => {
        try {
          await run(request);
        } catch (error) {
          if (!(error instanceof InvalidInputError)) throw error;
          return detail(request, reply, error.problems.length ? error.problems : [{ field, message: error.message }]);
        }
        return reply.code(303).redirect(`/users/${encodeURIComponent(request.params.userId)}?done=${path}`);
      });
    const ref = (request: FastifyRequest<Params>) => ({ userId: request.params.userId });
    change('disable', (r) => identity.disableAccount(requestContext(r), ref(r)));
    change('enable', (r) => identity.enableAccount(requestContext(r), ref(r)));
    change('unlock', (r) => identity.unlockAccount(requestContext(r), ref(r)));
    change('roles', (r) => identity.setRoles(requestContext(r), ref(r), list(r.body?.roles)));
    change('teams', (r) => identity.setTeams(requestContext(r), ref(r), [String(r.body?.teamIds ?? '')]), 'teamIds');

    pages.post<Params>('/users/:userId/reset-password', withId, async (request, reply) => {
      try {
        const { account, link } = await identity.resetPassword(requestContext(request), ref(request));
        return renderPage(request, reply, 'identity/pages/user-link.njk', { title: 'New password link', heading: 'New password link made', link: toLinkView(account, link, origin(request)), breadcrumbs: crumbs });
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        return detail(request, reply, [{ field: 'roles', message: error.message }]);
      }
    });
  });
}
