import { db } from '../db';

export async function activateGrant(requestId: string, actorId: string) {
  const req = await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
  if (req.status !== 'approved') throw new Error('request is not approved');
  if (req.approverId === req.requesterId) throw new Error('self-approved requests are invalid');
  return db.grant.create({
    data: {
      principal: req.requesterId,
      role: req.role,
      activatedBy: actorId,
      expiresAt: new Date(Date.now() + req.minutes * 60_000),
    },
  });
}
