import type { Response } from 'express';

export function setSession(res: Response, sid: string) {
  res.cookie('sid', sid, {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    maxAge: 2 * 60 * 60 * 1000,
  });
}
