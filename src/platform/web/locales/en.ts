/**
 * Every word the pages show, in one place, in plain English. Templates read `t.…`; view
 * models read the same object so wording in tables and charts matches the page.
 */
export const en = {
  serviceName: 'Caseweight',
  nav: { home: 'Home', myWorkload: 'My workload', team: 'Team workload', service: 'Service view', settings: 'Workload model', signOut: 'Sign out', navigationLabel: 'Caseweight' },
  phase: { tag: 'Beta', before: 'This is a new service. Help us improve it: ', link: 'tell us what you think', after: '.' },
  footer: {
    linksTitle: 'Support links',
    links: [
      { href: '/accessibility', text: 'Accessibility statement' },
      { href: '/privacy', text: 'Privacy notice' },
      { href: '/cookies', text: 'Cookies' },
      { href: '/help', text: 'Help' },
      { href: '/contact', text: 'Contact' },
    ],
    runBy: (council: string) => `Caseweight for ${council}.`,
    about: 'Workload is estimated in hours from each case’s statutory work; every figure shows its range and where it comes from.',
  },
  bands: {
    green: 'Within safe band',
    amber: 'Over safe band',
    red: 'Over capacity',
    cover: 'Needs cover',
    none: 'No casework time',
  } as Record<string, string>,
  bandShort: { green: 'green', amber: 'amber', red: 'red', cover: 'needs cover', none: 'no capacity' } as Record<string, string>,
  scheduleStates: { overdue: 'Overdue', due_soon: 'Due soon', upcoming: 'Upcoming', done: 'Done', not_in_data: 'Not in your data' } as Record<string, string>,
  absenceKinds: { annual_leave: 'Annual leave', sickness: 'Sickness', parental: 'Parental leave', training: 'Training', other: 'Other absence' } as Record<string, string>,
  errors: {
    notFoundTitle: 'Page not found',
    notFound: 'If you typed the web address, check it is correct. If you followed a link, the record may not exist or you may not have access to it.',
    invalidTitle: 'There is a problem',
    serverTitle: 'Sorry, there is a problem with the service',
    server: (ref: string) => `Try again later. If it keeps happening, contact support and quote reference ${ref}.`,
    summaryTitle: 'There is a problem',
  },
  home: {
    title: 'Caseweight',
    lead: 'See workload in hours: what each case takes, who has room, and who is over the safe band.',
    nothing: 'There are no pages for your role yet. Ask your system administrator if you think this is wrong.',
  },
};

