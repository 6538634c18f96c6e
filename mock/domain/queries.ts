import type { DomainContext } from "./context.js";
import { fail, ok, type Result } from "./failure.js";
import type { Session } from "./session.js";

/** The session as this tenant sees it, current in time; 404 for others' ids, 410 once deleted. */
export function getSession(ctx: DomainContext, tenant: string, id: string): Result<Session> {
  const s = ctx.store.find(tenant, id);
  if (!s) return fail("SESSION_NOT_FOUND");
  if (s.deletedAt !== null) return fail("SESSION_DELETED");
  ctx.refresh(s);
  return ok(s);
}

/** Every session of a tenant, oldest first, current in time (control API). */
export function listSessions(ctx: DomainContext, tenant: string): Session[] {
  const list = ctx.store.list(tenant);
  for (const s of list) ctx.refresh(s);
  return list;
}
