import { describe, expect, it } from 'vitest';
import { connectMessage, describeUrl, queryMessage, SourceError } from './ssd-postgres-errors.ts';

describe('messages about the source database', () => {
  const parts = describeUrl('postgres://eclipse_ro:s%40cret%2Fpw@db.council.example:6543/eclipse?sslmode=require');

  it('describes the address without its password or options', () => {
    expect(parts).toMatchObject({ host: 'db.council.example', port: 6543, database: 'eclipse', user: 'eclipse_ro', password: 's@cret/pw' });
    expect(parts.safeUrl).toBe('postgres://eclipse_ro@db.council.example:6543/eclipse');
  });

  it('refuses what is not a PostgreSQL address, without echoing it', () => {
    expect(() => describeUrl('mysql://u:hunter2@h/db')).toThrow(SourceError);
    expect(() => describeUrl('not a url hunter2')).toThrow(/^--from must be a PostgreSQL address/);
    try {
      describeUrl('mysql://u:hunter2@h/db');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('never repeats the password a driver message happens to contain', () => {
    const message = connectMessage(Object.assign(new Error('bad thing near s@cret/pw and s%40cret%2Fpw'), { code: 'XX000' }), parts);
    expect(message).not.toMatch(/s@cret|s%40cret/);
    expect(connectMessage(Object.assign(new Error('x'), { code: '28P01' }), parts)).toBe('Cannot connect to database eclipse as eclipse_ro: the password was not accepted.');
    expect(queryMessage(Object.assign(new Error('permission denied for table ssd_person'), { code: '42501' }), parts, 'ssd.ssd_person'))
      .toBe('Permission denied on table ssd.ssd_person. Ask the database administrator to grant SELECT on it to eclipse_ro.');
  });
});
