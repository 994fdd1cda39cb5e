import type { Request, Response, NextFunction } from 'express';

export function csrfCheck(req: Request, res: Response, next: NextFunction) {
  const fromHeader = req.get('x-csrf-token');
  const fromSession = req.session.csrfToken;
  // expect: timing-unsafe-compare
  if (!fromHeader || fromHeader !== fromSession) {
    return res.status(403).send('csrf');
  }
  next();
}
