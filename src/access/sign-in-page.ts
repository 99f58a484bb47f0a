import type { FastifyReply } from 'fastify';

export interface SignInView {
  csrfToken: string;
  next: string;
  oidc: boolean;
  error?: string;
  email?: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The sign-in page. Rendered through the shared page layout when the page layer is present
 * (reply.view), otherwise as a plain GOV.UK-classed page so sign-in never depends on it.
 */
export async function renderSignInPage(reply: FastifyReply, view: SignInView): Promise<string> {
  const withView = reply as FastifyReply & { viewAsync?: (page: string, data: object) => Promise<string> };
  if (typeof withView.viewAsync === 'function') {
    try {
      return await withView.viewAsync('access/pages/sign-in.njk', { ...view, pageTitle: 'Sign in' });
    } catch {
      // fall through to the plain page
    }
  }
  const error = view.error
    ? `<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2><div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#email">${escape(view.error)}</a></li></ul></div></div></div>`
    : '';
  return `<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>${view.error ? 'Error: ' : ''}Sign in – Caseweight</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body class="govuk-template__body"><main class="govuk-main-wrapper" id="main-content"><div class="govuk-width-container">
${error}<h1 class="govuk-heading-l">Sign in to Caseweight</h1>
<form method="post" action="/sign-in" novalidate>
<input type="hidden" name="_csrf" value="${escape(view.csrfToken)}"><input type="hidden" name="next" value="${escape(view.next)}">
<div class="govuk-form-group"><label class="govuk-label" for="email">Email address</label><input class="govuk-input" id="email" name="email" type="email" autocomplete="username" spellcheck="false" value="${escape(view.email ?? '')}"></div>
<div class="govuk-form-group"><label class="govuk-label" for="password">Password</label><input class="govuk-input" id="password" name="password" type="password" autocomplete="current-password"></div>
<button type="submit" class="govuk-button" data-module="govuk-button">Sign in</button>
</form>${view.oidc ? '<p class="govuk-body"><a class="govuk-link" href="/sign-in/oidc">Sign in with your council account</a></p>' : ''}
</div></main></body></html>`;
}
