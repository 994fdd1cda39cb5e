import { AbilityBuilder, createMongoAbility } from '@casl/ability';

export function defineAbilityFor(user: { id: string; role?: string }) {
  const { can, build } = new AbilityBuilder(createMongoAbility);
  // ok: authz-bypass
  can('read', 'Article', { published: true });
  if (user.role === 'editor') can('update', 'Article', { authorId: user.id });
  return build();
}
