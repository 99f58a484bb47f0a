import type { FastifyReply } from 'fastify';
import { renderStandalone } from '../../platform/web/index.ts';

export interface SignInView {
  csrfToken: string;
  next: string;
  oidc: boolean;
  error?: string;
  email?: string;
}

/** The sign-in page, in the shared page layout (no navigation: nobody is signed in yet). */
export function renderSignInPage(reply: FastifyReply, view: SignInView): string {
  return renderStandalone(reply, 'identity/pages/sign-in.njk', { ...view, pageTitle: view.error ? 'Error: Sign in' : 'Sign in' });
}
