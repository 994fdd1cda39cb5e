import { createContext } from 'react';

export type Role = 'viewer' | 'editor' | 'admin';

export const DEFAULT_INVITE_ROLES: Role[] = ['viewer'];

export const RolesContext = createContext<Role[]>(DEFAULT_INVITE_ROLES);

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`badge badge-${role}`}>{role}</span>;
}
