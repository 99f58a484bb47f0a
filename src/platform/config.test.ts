import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

const OIDC = { OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 'secret', OIDC_REDIRECT_URI: 'https://cw.example/sign-in/oidc/callback', OIDC_COUNCIL: 'demo' };
const file = (text: string) => {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'cw-groups-')), 'groups.txt');
  writeFileSync(p, text);
  return p;
};

describe('the single sign-on group mapping in configuration', () => {
  it('reads the file into the provider’s settings', () => {
    const config = readConfig({ ...OIDC, OIDC_GROUPS_FILE: file('0F8FAD5B-D9CB-469F-A165-70867728950E  roles: practitioner; teams: SF1\n') });
    expect(config.oidc?.groups).toEqual([{ groupId: '0f8fad5b-d9cb-469f-a165-70867728950e', roles: ['practitioner'], teamIds: ['SF1'], line: 1 }]);
    expect(readConfig(OIDC).oidc?.groups).toBeUndefined();
  });

  it('refuses to start, naming the file and line of each problem', () => {
    const p = file('# groups\n0f8fad5b-d9cb-469f-a165-70867728950e  roles: manager\nnot-a-guid  roles: auditor\n');
    expect(() => readConfig({ ...OIDC, OIDC_GROUPS_FILE: p })).toThrow(new RegExp(
      `OIDC_GROUPS_FILE ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2: there is no role called "manager"[\\s\\S]*line 3: "not-a-guid" is not a group's object id`,
    ));
    expect(() => readConfig({ ...OIDC, OIDC_GROUPS_FILE: file('# nothing yet\n') })).toThrow(/maps no groups/);
    expect(() => readConfig({ ...OIDC, OIDC_GROUPS_FILE: '/no/such/groups.txt' })).toThrow(/OIDC_GROUPS_FILE: cannot read \/no\/such\/groups\.txt \(ENOENT\)/);
    expect(() => readConfig({ OIDC_GROUPS_FILE: p })).toThrow(/OIDC_GROUPS_FILE is set but single sign-on is not/);
  });

  it('reads whom to ask for access, the support email standing in for its address', () => {
    expect(readConfig({ CASEWEIGHT_ACCESS_CONTACT: 'the IT service desk', CASEWEIGHT_ACCESS_EMAIL: 'desk@council.example' }).service).toMatchObject({ accessContact: 'the IT service desk', accessEmail: 'desk@council.example' });
    expect(readConfig({ CASEWEIGHT_SUPPORT_EMAIL: 'help@council.example' }).service).toMatchObject({ accessContact: undefined, accessEmail: 'help@council.example' });
    expect(() => readConfig({ CASEWEIGHT_ACCESS_EMAIL: 'the desk' })).toThrow(/CASEWEIGHT_ACCESS_EMAIL must be an email address/);
  });
});
