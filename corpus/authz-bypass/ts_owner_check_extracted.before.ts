import type { Request, Response } from 'express';
import { db } from '../db';

export async function editComment(req: Request, res: Response) {
  const comment = await db.comment.findUnique({ where: { id: req.params.id } });
  if (!comment) return res.status(404).end();
  if (comment.authorId !== req.user!.id && !req.user!.isModerator) {
    return res.status(403).json({ error: 'not your comment' });
  }
  await db.comment.update({ where: { id: comment.id }, data: { body: req.body.body } });
  return res.status(204).end();
}
