import type { ServiceInfo } from '../../config.ts';

/**
 * The words of the service's own pages (accessibility, privacy, cookies, help, contact), kept
 * with the rest of the wording. Each page is a list of blocks that one template lays out with
 * the GOV.UK styles; the council's details come from configuration.
 */
export type Part = string | { text: string; href: string };
export type Block =
  | { h2: string }
  | { h3: string }
  | { p: Part[] }
  | { list: Part[][]; numbered?: boolean }
  | { inset: Part[] }
  | { table: { caption: string; head: string[]; rows: string[][] } };

export interface ContentPage {
  title: string;
  lead?: string;
  blocks: Block[];
}

/**
 * When the accessibility statement was written and the browser tests last ran axe on every page
 * they walk with no serious or critical problem (test/browser/pages.browser.test.ts). Move these
 * on when the statement is reviewed or the tests are re-run.
 */
export const ACCESSIBILITY_DATES = { prepared: '2 December 2026', reviewed: '2 December 2026', tested: '2 December 2026' };

/**
 * Problems known to fail WCAG 2.2 AA, each as a sentence naming the success criterion it fails
 * ("… This fails WCAG 2.2 success criterion 1.4.10 (reflow)."). Empty since pages reflow at 320 px,
 * chart text is 12 px or more and no chart label overlaps (test/browser/reflow.browser.test.ts);
 * add an entry when testing finds a failure, and remove it when the fix lands.
 */
export const KNOWN_NON_COMPLIANCES: string[] = [];

const mail = (email: string): Part => ({ text: email, href: `mailto:${email}` });
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** How to reach support: the configured address, or whom to ask. */
function supportParts(info: ServiceInfo): Part[] {
  return info.supportEmail ? ['email ', mail(info.supportEmail)] : ['ask your manager or your council’s IT service desk, who will pass it to the team that runs Caseweight'];
}

export function accessibilityPage(info: ServiceInfo): ContentPage {
  const council = info.councilName;
  return {
    title: 'Accessibility statement for Caseweight',
    blocks: [
      { p: [`This accessibility statement applies to Caseweight, the service ${council} uses to see children’s social workers’ workload in hours.`] },
      { p: [`This service is run by ${council}. We want as many people as possible to be able to use it. For example, that means you should be able to:`] },
      { list: [
        ['change colours, contrast levels and fonts using your browser or device settings'],
        ['zoom in up to 400% without the text spilling off the screen'],
        ['move around the service using just a keyboard'],
        ['use the service with a screen reader'],
        ['use the service without JavaScript'],
      ] },
      { p: ['We’ve also made the text as simple as possible to understand. Every chart has its figures in a table as well.'] },


      { h2: 'How accessible this service is' },
      ...(KNOWN_NON_COMPLIANCES.length
        ? [{ p: ['We know some parts of this service are not fully accessible. They are listed under ‘Non-accessible content’ below.'] } as Block]
        : [{ p: ['Automated checks find no accessibility problems on the pages we test, and every page fits a phone screen without scrolling sideways. The service has not yet been tested by hand or with disabled users, so there may be problems we do not know about. If you find one, please tell us.'] } as Block]),

      { h2: 'Feedback and contact information' },
      { p: ['If you need information on this service in a different format, or you find a problem not listed on this page, ', ...supportParts(info), '.'] },
      { p: ['Tell us the web address of the page, what you were trying to do and what went wrong. We’ll consider your request and get back to you.'] },

      { h2: 'Enforcement procedure' },
      { p: ['The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the ‘accessibility regulations’). If you’re not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).'] },

      { h2: 'Technical information about this service’s accessibility' },
      { p: [`${cap(council)} is committed to making this service accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.`] },
      { h3: 'Compliance status' },
      // Not "fully compliant" until the service has been tested by hand as well as by machine.
      { p: KNOWN_NON_COMPLIANCES.length
        ? ['This service is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliances listed below.']
        : ['This service is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard. Automated checks find no failures, but the service has not yet been checked by hand against every requirement, so we cannot yet say it is fully compliant.'] },

      { h2: 'Non-accessible content' },
      { p: ['The content listed below is non-accessible for the following reasons.'] },
      { h3: 'Non-compliance with the accessibility regulations' },
      ...(KNOWN_NON_COMPLIANCES.length
        ? [{ list: KNOWN_NON_COMPLIANCES.map((text) => [text]) } as Block, { p: ['We plan to fix these and will update this statement when we do.'] } as Block]
        : [{ p: ['We do not know of any content that fails the accessibility regulations. When testing finds a problem, we will list it here with when we plan to fix it.'] } as Block]),
      { h3: 'Disproportionate burden' },
      { p: ['We are not claiming that fixing any of these problems would be a disproportionate burden.'] },
      { h3: 'Content that’s not within the scope of the accessibility regulations' },
      { p: ['The files the service writes for the Department for Education (census returns and data extracts) are data for other systems, not documents for people to read.'] },

      { h2: 'What we’re doing to improve accessibility' },
      { p: ['Every page is built with the GOV.UK Design System and works without JavaScript. Each chart has its figures in a table under it, and chart text is at least 12 pixels high. Each change to the service is checked automatically in a web browser before it is released (see below). Next, we plan to test the service by hand with a keyboard and screen readers, and with disabled users.'] },

      { h2: 'Preparation of this accessibility statement' },
      { p: [`This statement was prepared on ${ACCESSIBILITY_DATES.prepared}. It was last reviewed on ${ACCESSIBILITY_DATES.reviewed}.`] },
      { p: [`This service was last tested on ${ACCESSIBILITY_DATES.tested}. The test was carried out by the team that builds Caseweight.`] },
      { p: ['We tested with axe-core (an automated accessibility checker) in the Chromium web browser, against WCAG 2.2 A and AA, on every page our automated browser tests open: signing in and its error message, the pages single sign-on shows someone it cannot let in (no access, an account switched off, too many groups to check), the home page, a person’s workload, a team’s workload (sorted and unsorted), a case, the service view, the workload model settings with an error and a preview, imports and their history, the audit log, a “page not found” page, and the pages about the service (this statement, privacy, cookies, help and contact). The pages were opened signed in as a social worker, a team manager, a head of service, a performance analyst, a system administrator, a data officer, business support and an auditor. The checker found no serious or critical problems. The same pages are also opened at 320, 390, 700 and 1280 pixels wide to check that none scrolls sideways and that chart text is at least 12 pixels high.'] },
      { p: ['Automated checks find only some accessibility problems. The service has not yet been tested by hand with a keyboard and screen readers, audited by an accessibility specialist or tested with disabled users; we will publish what those find.'] },
    ],
  };
}

export function privacyPage(info: ServiceInfo): ContentPage {
  const council = info.councilName;
  const dpo: Part[] = info.dpoEmail ? ['email the data protection officer at ', mail(info.dpoEmail)] : [`contact ${council}’s data protection officer`];
  return {
    title: 'Privacy notice',
    lead: `How Caseweight uses personal information about the council’s staff, and about the children and families they work with.`,
    blocks: [
      { h2: 'Who is responsible for your information' },
      { p: [`${cap(council)} is the data controller for the information in Caseweight. Caseweight sits beside the council’s case management system and uses the council’s own records to estimate how much work each social worker holds.`] },

      { h2: 'What information we use' },
      { p: ['About staff:'] },
      { list: [
        ['your name, work email address, role, team and sign-in details'],
        ['your contracted hours, start date, and whether you are in your first year as a social worker'],
        ['absences that reduce the time you have for casework, such as leave, sickness or training'],
        ['the cases allocated to you'],
      ] },
      { p: ['About children and families, copied from the council’s case management system:'] },
      { list: [
        ['a child’s name, date of birth, sex and the council’s reference for them'],
        ['the help or protection they receive (for example a child in need plan, a child protection plan, or being looked after), with dates'],
        ['things that affect how much work their case takes, such as disability, needing an interpreter, or going missing'],
        ['who their social worker is, and the visits, meetings and reviews that are due'],
      ] },
      { p: ['Some of this is special category information (for example about health, disability or ethnicity), which the law protects more strongly.'] },
      { p: ['We also keep a record of who looked at or changed each record, and when.'] },

      { h2: 'Why we use it' },
      { p: ['We use this information to:'] },
      { list: [
        ['show how much work each person holds, in hours, and whether it is safe'],
        ['help managers share work fairly and plan staffing'],
        ['keep track of statutory visits, meetings and reviews so they are not missed'],
        ['produce the returns the council must send to the Department for Education'],
        ['keep children’s records secure and show who has seen them'],
      ] },
      { p: ['The law lets us do this because it is part of the council’s official duties to safeguard and promote the welfare of children, and as an employer. For special category information, the law allows it for reasons of substantial public interest, including safeguarding children, and for employment.'] },

      { h2: 'Who can see it' },
      { p: ['Only people who need it for their work. Social workers see their own cases and their team’s; managers see their teams; people who analyse figures see no child’s details. Restricted records need special permission, and emergency access is reviewed by a manager. Every time someone views or changes a record, it is recorded.'] },
      { p: ['We do not sell your information or use it for marketing. We share it only where the law requires, for example statutory returns to the Department for Education.'] },

      { h2: 'How long we keep it' },
      { p: ['Children’s records are kept for as long as the council’s records retention schedule says. For example, the records of a child who was looked after are kept until their 75th birthday. Other periods are set by the council. Records that reach the end of their period are reviewed before they are deleted.'] },
      { p: ['The record of who looked at what is kept as long as the records it describes.'] },

      { h2: 'Your rights' },
      { p: ['You have the right to:'] },
      { list: [
        ['ask for a copy of the information we hold about you'],
        ['ask us to correct information that is wrong'],
        ['in some cases, ask us to restrict or stop using your information, or to delete it'],
        ['object to how we use your information'],
      ] },
      { p: ['To use these rights, or if you have a question about how your information is used, ', ...dpo, '.'] },
      { p: ['If you are unhappy with how we have used your information, you can complain to the Information Commissioner’s Office (ICO), the UK’s independent regulator for data protection, on 0303 123 1113.'] },
      ...(info.privacyUrl ? [{ p: [{ text: `Read ${council}’s full privacy notice`, href: info.privacyUrl }, '.'] } as Block] : []),
    ],
  };
}

export function cookiesPage(info: ServiceInfo): ContentPage {
  const idle = `${info.sessionIdleMinutes} ${info.sessionIdleMinutes === 1 ? 'minute' : 'minutes'}`;
  const absolute = `${info.sessionAbsoluteHours} ${info.sessionAbsoluteHours === 1 ? 'hour' : 'hours'}`;
  return {
    title: 'Cookies',
    lead: 'Cookies are small files saved on your phone, tablet or computer when you visit a website.',
    blocks: [
      { p: ['Caseweight uses one cookie, to keep you signed in. It is essential: the service cannot work without it, so we do not ask for your permission to use it.'] },
      { table: {
        caption: 'The cookie Caseweight uses',
        head: ['Name', 'Purpose', 'Expires'],
        rows: [['caseweight.sid', 'Remembers that you have signed in, so you do not have to sign in on every page, and protects your forms from being sent by another website.', `After ${idle} without using the service, and always ${absolute} after you sign in, or when you sign out`]],
      } },
      { p: ['The cookie holds only a random reference to your sign-in; nothing about you or the records you look at is kept in it. Your browser cannot read it from scripts (it is HttpOnly), and it is not sent when another website links to this one in a way that could change anything (SameSite=Lax). When the service runs over a secure connection, it is only ever sent securely.'] },
      { h2: 'No analytics or advertising cookies' },
      { p: ['We do not use analytics, tracking or advertising cookies, and no other website sets cookies through this service.'] },
    ],
  };
}

export function helpPage(info: ServiceInfo): ContentPage {
  return {
    title: 'Help using Caseweight',
    lead: 'Caseweight shows how much work each children’s social worker holds, in hours against the time they have, whether that is safe, and why.',
    blocks: [
      { h2: 'Reading the figures' },
      { p: ['Work is estimated in hours from each case’s statutory visits, meetings, reviews and other work. Because nobody knows exactly how long work takes, each figure is a range: low, central (the best estimate) and high.'] },
      { p: ['Workload is the hours of work divided by the hours someone has for casework in the month. Each person is in one of these bands:'] },
      { list: [
        ['within the safe band: up to 85% of their casework time'],
        ['over the safe band: from 85% to 100%'],
        ['over capacity: more than 100%'],
        ['needs cover: they hold cases but have no time for casework this month, for example because they are away all month; their cases are counted as work needing cover, not as someone over the band'],
      ] },
      { p: ['The council can change these bands and the hours behind them.'] },

      { h2: 'What each page is for' },
      { p: ['You see only the pages your role needs. Your home page lists them.'] },
      { h3: 'My workload' },
      { p: ['Your own cases, the hours each takes, what is due this week and next, your time this month after leave and protected time, and how many more cases of each kind would fit before you go over the safe band.'] },
      { h3: 'Team workload' },
      { p: ['Everyone in a team side by side: cases, hours, workload and band, who has room for more, absences coming up and vacant posts. You can sort and filter the table. Select a person to see their cases.'] },
      { h3: 'A child’s case' },
      { p: ['What is due for the child and when (visits, meetings and reviews), what is overdue, the work the case generates each month, and its history. If a child may be at risk now and the record is not open to you, you can ask for emergency access, giving a reason; a manager reviews it.'] },
      { h3: 'Service view' },
      { p: ['Teams compared, the Department for Education’s caseload measure next to workload in hours, and trends over recent weeks.'] },
      { h3: 'Workload model' },
      { p: ['The activities, hours, safe bands and capacity rules behind every figure, with where each comes from. System administrators can change them and see what would change before saving.'] },
      { h3: 'Imports' },
      { p: ['For data officers: upload the council’s data extract or Department for Education returns, check them for problems, then import them.'] },
      { h3: 'Audit log' },
      { p: ['Who looked at a child’s record, what a person looked at, and emergency access waiting for review.'] },

      { h2: 'Signing in and out' },
      { p: [`You are signed out after ${info.sessionIdleMinutes} minutes without using the service, and always ${info.sessionAbsoluteHours} hours after you signed in. If you sign in with a password and enter it wrongly 5 times, your account is locked for 15 minutes.`] },

      { h2: 'If something looks wrong' },
      { p: ['If a figure, a case or your team looks wrong, check with your manager first: most figures come from the council’s case management system. If you still need help, ', { text: 'contact us', href: '/contact' }, '.'] },
    ],
  };
}

export function contactPage(info: ServiceInfo): ContentPage {
  return {
    title: 'Contact',
    blocks: [
      { p: [`Caseweight is run by ${info.councilName}.`] },
      { h2: 'Help with the service, feedback and problems' },
      { p: ['If you cannot sign in, something is not working, or you want to tell us what you think, ', ...supportParts(info), '.'] },
      { p: ['If you saw an error page, include the reference it showed, the web address and the time.'] },
      { inset: ['If a child may be at risk now, do not wait for a reply: follow your council’s safeguarding procedures.'] },
      { h2: 'Your information' },
      { p: ['For questions about how your information is used, see the ', { text: 'privacy notice', href: '/privacy' }, '.'] },
      { h2: 'Accessibility' },
      { p: ['To report an accessibility problem or ask for information in another format, see the ', { text: 'accessibility statement', href: '/accessibility' }, '.'] },
    ],
  };
}
