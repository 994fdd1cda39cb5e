import jwt from 'jsonwebtoken';
import { config } from '../config.js';

export function issueInviteToken(orgId, email) {
  return jwt.sign({ orgId, email, kind: 'invite' }, config.inviteSecret, { expiresIn: '48h' });
}
