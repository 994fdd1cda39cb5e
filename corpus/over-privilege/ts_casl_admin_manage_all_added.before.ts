import { AbilityBuilder, createMongoAbility } from '@casl/ability';

export function defineAbilityFor(user: { id: string; isAdmin: boolean }) {
  const { can, build } = new AbilityBuilder(createMongoAbility);
  can('read', 'Ticket', { assigneeId: user.id });
  return build();
}
