import type { FastifyReply } from 'fastify';

export interface SignInView {
  csrfToken: string;
  next: string;
  oidc: boolean;
  error?: string;
  email?: string;
}

/** The sign-in page, in the shared page layout (src/pages decorates reply.viewAsync). */
export async function renderSignInPage(reply: FastifyReply, view: SignInView): Promise<string> {
  const withView = reply as FastifyReply & { viewAsync?: (page: string, data: object) => Promise<string> };
  if (typeof withView.viewAsync !== 'function') throw new Error('The page layer (src/pages) is not registered: sign-in has no layout to render in.');
  return withView.viewAsync('identity/pages/sign-in.njk', { ...view, pageTitle: view.error ? 'Error: Sign in' : 'Sign in' });
}
