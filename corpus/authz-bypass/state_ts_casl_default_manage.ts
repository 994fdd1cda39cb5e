import { AbilityBuilder, createMongoAbility } from '@casl/ability';

export function defineAbilityFor(user: { id: string; role?: string }) {
  const { can, build } = new AbilityBuilder(createMongoAbility);
  if (user.role === 'editor') {
    can('update', 'Post', { authorId: user.id });
  } else {
    // expect: authz-bypass
    can('manage', 'all');
  }
  return build();
}
