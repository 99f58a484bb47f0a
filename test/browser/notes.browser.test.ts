import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNarrow, checkPage, signInInBrowser, SKIP_BROWSER, serveDemoCouncil, type ServedCouncil } from '../support/browser.ts';

/**
 * Case notes and the chronology as a practitioner and their manager would use them, in a real
 * browser at 1280 px and 390 px: add a note (its error summary first), save it as a draft, mark it
 * final, correct it (the original stays for the manager), then the chronology with its filter and
 * CSV. axe on every page.
 */
describe.skipIf(SKIP_BROWSER)('case notes and the chronology in a real browser', () => {
  let served: ServedCouncil;
  let browser: Browser;
  let base: string;
  let childId: string;

  beforeAll(async () => {
    served = await serveDemoCouncil({ staffScale: 0.3, caseScale: 0.3, recordHistory: true });
    ({ base, browser } = served);
    const me = (await served.database.db.selectFrom('users').select('practitioner_id').where('user_id', '=', 'demo-practitioner').executeTakeFirstOrThrow()).practitioner_id!;
    const today = new Date().toISOString().slice(0, 10);
    childId = served.data.allocations.find((a) => a.practitioner_id === me && a.role === 'lead' && a.end_date === null && a.start_date <= today && !served.data.children.find((c) => c.child_id === a.child_id)!.restricted)!.child_id;
  }, 180_000);
  afterAll(async () => {
    await served?.close();
  });

  it('practitioner: adds a note, marks it final, corrects it; then the chronology, filtered, with its CSV', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'practitioner');
    await page.goto(`${base}/children/${childId}`);
    await page.click('[data-testid="notes-links"] a:text-is("Case notes")');
    await checkPage(page, 'notes-empty');
    await page.click('a:text-is("Add a note")');
    await checkPage(page, 'note-form');
    await checkNarrow(page, 'note-form');

    // Nothing written: one error, linked to the note box.
    await page.click('button:text-is("Save as final")');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toBe('#text');
    await checkPage(page, 'note-form-error');

    await page.fill('#text', 'Home visit: Sam showed me their room and said school is going well.');
    await page.check('input[name=significant]');
    await Promise.all([page.waitForURL(/\/notes#note-/), page.click('button:text-is("Save as draft")')]);
    const note = page.locator('[data-testid="notes"] article').first();
    expect(await note.textContent()).toContain('Draft');
    // The author may change a draft.
    await note.locator('a:has-text("Edit draft")').click();
    await checkPage(page, 'note-edit');
    await checkNarrow(page, 'note-edit');
    expect(await page.inputValue('#text')).toContain('school is going well');
    expect(await page.isChecked('input[name=significant]')).toBe(true);
    await page.fill('#text', 'Home visit: Sam showed me their room and said school is going well.');
    await Promise.all([page.waitForURL(/\/notes#note-/), page.click('button:text-is("Save as draft")')]);
    expect(await note.textContent()).toContain('Draft');
    await Promise.all([page.waitForURL(/\/notes#note-/), note.locator('button:text-is("Mark final")').click()]);
    expect(await note.textContent()).toContain('Final');
    expect(await note.locator('a:text-is("Edit draft")').count()).toBe(0);

    await note.locator('a:has-text("Correct this note")').click();
    await checkPage(page, 'note-correct');
    await checkNarrow(page, 'note-correct');
    await page.fill('#text', 'Home visit: Sam showed me their room and said school is going well; mother present.');
    await page.click('button:text-is("Save the correction")');
    await expect.poll(() => page.locator('.govuk-error-summary a[href="#reason"]').count()).toBe(1);
    await page.fill('#reason', 'Left out who was present');
    await Promise.all([page.waitForURL(/\/notes#note-/), page.click('button:text-is("Save the correction")')]);
    expect(await note.locator('[data-testid="corrected"]').count()).toBe(1);
    expect(await note.locator('[data-testid="note-text"]').textContent()).toContain('mother present');
    // The worker sees the latest version; the earlier one is for managers and auditors.
    expect(await note.locator('.govuk-details').count()).toBe(0);
    await checkPage(page, 'notes');
    await checkNarrow(page, 'notes');

    await page.click('a:text-is("Chronology")');
    await checkPage(page, 'chronology');
    await checkNarrow(page, 'chronology');
    const rows = page.locator('[data-testid="chronology"] tbody tr');
    const all = await rows.count();
    expect(all).toBeGreaterThan(1);
    await page.check('input[name=kind][value=note]');
    await Promise.all([page.waitForURL(/kind=note/), page.click('button:text-is("Show")')]);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Case note (corrected)');
    await checkPage(page, 'chronology-filtered');
    const csv = await page.request.get(`${base}${await page.getAttribute('a[download][href*="export.csv"]', 'href')}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).trim().split('\n').length - 1).toBe(1);
    const pdf = await page.request.get(`${base}${await page.getAttribute('a[download][href*="export.pdf"]', 'href')}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    // The entry links back to the note.
    await rows.first().locator('a').click();
    await expect.poll(() => page.url()).toMatch(/\/notes#note-/);
    expect(cspErrors).toEqual([]);
  });

  it('team manager: sees the original under the correction', async () => {
    const { page, cspErrors } = await signInInBrowser(browser, base, 'team_manager');
    await page.goto(`${base}/children/${childId}/notes`);
    const note = page.locator('[data-testid="notes"] article').first();
    await note.locator('.govuk-details__summary').click();
    expect(await note.locator('.govuk-details').textContent()).toContain('said school is going well.');
    expect(await note.textContent()).toContain('Corrected because: Left out who was present');
    await checkPage(page, 'notes-manager');
    await checkNarrow(page, 'notes-manager');
    expect(cspErrors).toEqual([]);
  });
});
