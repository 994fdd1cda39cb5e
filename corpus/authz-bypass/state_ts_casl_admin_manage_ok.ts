import { AbilityBuilder, createMongoAbility } from '@casl/ability';

export function abilitiesFor(account: { id: string; isAdmin: boolean }) {
  const { can, build } = new AbilityBuilder(createMongoAbility);
  if (!account.isAdmin) {
    can('read', 'Invoice', { ownerId: account.id });
  } else {
    // ok: authz-bypass
    can('manage', 'all');
  }
  return build();
}
