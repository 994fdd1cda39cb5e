import { createContext } from 'react';

export type Role = 'viewer' | 'editor' | 'admin';

// expect: over-privilege
export const DEFAULT_INVITE_ROLES: Role[] = ['viewer', 'admin'];

export const RolesContext = createContext<Role[]>(DEFAULT_INVITE_ROLES);

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`badge badge-${role}`}>{role}</span>;
}
