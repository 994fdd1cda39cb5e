import type { Request, Response } from 'express';
import { db } from '../db';

function canEdit(user: { id: string; isModerator: boolean }, authorId: string) {
  return user.id === authorId || user.isModerator;
}

export async function editComment(req: Request, res: Response) {
  const comment = await db.comment.findUnique({ where: { id: req.params.id } });
  if (!comment) return res.status(404).end();
  if (!canEdit(req.user!, comment.authorId)) {
    return res.status(403).json({ error: 'not your comment' });
  }
  await db.comment.update({ where: { id: comment.id }, data: { body: req.body.body } });
  return res.status(204).end();
}
