import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_INFO, readConfig } from '../config.ts';
import { accessibilityPage, contactPage, cookiesPage, privacyPage, type ContentPage } from './locales/service-pages.ts';

const text = (page: ContentPage) => JSON.stringify(page);

describe('the service pages’ wording', () => {
  it('reads sensibly with no council details configured: "your council", and whom to ask', () => {
    expect(text(privacyPage(DEFAULT_SERVICE_INFO))).toContain('Your council is the data controller');
    expect(text(privacyPage(DEFAULT_SERVICE_INFO))).toContain('contact your council’s data protection officer');
    expect(text(contactPage(DEFAULT_SERVICE_INFO))).toContain('ask your manager or your council’s IT service desk');
    for (const page of [privacyPage, contactPage, accessibilityPage, cookiesPage]) expect(text(page(DEFAULT_SERVICE_INFO))).not.toMatch(/mailto:|https?:/);
  });

  it('takes the cookie’s lifetime from the session settings', () => {
    expect(text(cookiesPage({ ...DEFAULT_SERVICE_INFO, sessionIdleMinutes: 20, sessionAbsoluteHours: 8 }))).toContain('After 20 minutes without using the service, and always 8 hours after you sign in');
  });
});

describe('the council’s details in configuration', () => {
  it('reads them, with the session settings the cookies page describes', () => {
    const config = readConfig({ CASEWEIGHT_COUNCIL_NAME: 'Northby Council', CASEWEIGHT_SUPPORT_EMAIL: 'help@northby.example', CASEWEIGHT_DPO_EMAIL: 'dpo@northby.example', CASEWEIGHT_PRIVACY_URL: 'https://northby.example/privacy', CASEWEIGHT_SESSION_IDLE_MINUTES: '45' });
    expect(config.service).toEqual({ councilName: 'Northby Council', supportEmail: 'help@northby.example', dpoEmail: 'dpo@northby.example', privacyUrl: 'https://northby.example/privacy', accessContact: undefined, accessEmail: 'help@northby.example', sessionIdleMinutes: 45, sessionAbsoluteHours: 10 });
    expect(readConfig({}).service).toEqual(DEFAULT_SERVICE_INFO);
  });

  it('lists every bad value at once', () => {
    expect(() => readConfig({ CASEWEIGHT_SUPPORT_EMAIL: 'not an email', CASEWEIGHT_DPO_EMAIL: 'dpo', CASEWEIGHT_PRIVACY_URL: 'javascript:alert(1)' })).toThrow(
      /CASEWEIGHT_SUPPORT_EMAIL must be an email address[\s\S]*CASEWEIGHT_DPO_EMAIL must be an email address[\s\S]*CASEWEIGHT_PRIVACY_URL must be a web address/,
    );
  });
});
