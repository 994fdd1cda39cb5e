import { AbilityBuilder, createMongoAbility } from '@casl/ability';

export function defineAbilityFor(user: { id: string; role: string; isAdmin: boolean }) {
  const { can, build } = new AbilityBuilder(createMongoAbility);
  can('read', 'Ticket', { assigneeId: user.id });
  if (user.role === 'support') {
    // expect: over-privilege
    can('manage', 'all');
  }
  return build();
}
