import jwt from 'jsonwebtoken';
import { config } from '../config.js';

export function issueInviteToken(orgId, email) {
  // expect: token-lifetime
  return jwt.sign({ orgId, email, kind: 'invite' }, config.inviteSecret);
}
