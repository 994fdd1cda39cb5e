import { db } from '../db';

// expect: authz-bypass
export async function activateGrant(requestId: string, actorId: string) {
  const req = await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
  if (req.status === 'rejected') throw new Error('request was rejected');
  return db.grant.create({
    data: {
      principal: req.requesterId,
      role: req.role,
      activatedBy: actorId,
      expiresAt: new Date(Date.now() + req.minutes * 60_000),
    },
  });
}
