import type { Session } from 'fastify';
import type { Db } from '../../platform/database.ts';
import { deleteSession, getSessionData, saveSession } from '../store.ts';

type Callback = (error?: unknown) => void;
type GetCallback = (error: unknown, session?: Session | null) => void;

/** Server-side sessions in the database, for @fastify/session (the express-session store shape). */
export class DatabaseSessionStore {
  constructor(private readonly db: Db, private readonly fallbackMs: number) {}

  get(sid: string, callback: GetCallback): void {
    getSessionData(this.db, sid, new Date()).then((data) => callback(null, (data as Session | undefined) ?? null), callback);
  }

  set(sid: string, session: Session, callback: Callback): void {
    const expires = session.cookie?.expires ? new Date(session.cookie.expires) : new Date(Date.now() + this.fallbackMs);
    saveSession(this.db, sid, session, expires, session.councilId ?? null, session.userId ?? null).then(() => callback(), callback);
  }

  destroy(sid: string, callback: Callback): void {
    deleteSession(this.db, sid).then(() => callback(), callback);
  }
}
