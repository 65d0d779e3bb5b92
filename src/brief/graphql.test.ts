import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphqlOf } from './graphql.js';
import { ModuleIndex } from './resolve.js';
import { briefFile } from './test-util.js';

const file = (module: string, path: string, src: string) => ({ module, path, ...briefFile(src, path) });
const route = { method: 'ANY', path: '/graphql/', handler: 'GraphQLView.as_view', file: 'urls.py', line: 3, framework: 'graphql' };

test('graphene: root fields merged from per-app Query mixins, Mutation fields from X.Field(); resolve_ methods and Meta are not fields', () => {
  const gaps: string[] = [];
  const ix = new ModuleIndex([
    file('shop.users.schema', 'shop/users/schema.py', 'import graphene\nclass UserQueries(graphene.ObjectType):\n    me = graphene.Field(User)\n    users = graphene.List(User)\n    def resolve_me(root, info):\n        return None\nclass UserMutations(graphene.ObjectType):\n    token_create = CreateToken.Field()\n    token_refresh_with_a_long_name = (\n        RefreshToken.Field()\n    )\n'),
    file('shop.api', 'shop/api.py', [
      'import graphene', 'from .users.schema import UserQueries, UserMutations', 'from external_pkg import Mixin',
      'class Query(UserQueries, Mixin):', '    shop = graphene.Field(Shop)', '    class Meta:', '        description = "x"',
      'class Mutation(UserMutations):', '    pass',
      'schema = graphene.Schema(query=Query, mutation=Mutation)', '',
    ].join('\n')),
  ]);
  const [s, ...rest] = graphqlOf(ix, [route], gaps);
  assert.equal(rest.length, 0);
  assert.deepEqual({ ...s, queries: s!.queries, mutations: s!.mutations }, {
    framework: 'graphene', schema: 'shop.api:graphene.Schema', path: 'shop/api.py', line: 10, endpoint: '/graphql/', queries: ['me', 'shop', 'users'], mutations: ['token_create', 'token_refresh_with_a_long_name'],
  });
  assert.equal(gaps.length, 1);
  assert.match(gaps[0]!, /shop\/api\.py:4: base Mixin of Query was not found in the project \(external_pkg\.Mixin\)/);
});

test('strawberry: annotated fields and @strawberry.field methods; a starred base (plugins) is a gap; a schema helper taking parameters is not a schema', () => {
  const gaps: string[] = [];
  const ix = new ModuleIndex([
    file('app.schema', 'app/schema.py', [
      'import strawberry', 'import strawberry_django',
      '@strawberry.type', 'class DcimQuery:', '    site: SiteType = strawberry_django.field()', '    site_list: list[SiteType] = strawberry_django.field()',
      '    @strawberry.field', '    def version(self) -> str:', '        return "1"',
      '    def helper(self):', '        return 1',
      '@strawberry.type', 'class Query(DcimQuery, *registry["plugins"]):', '    pass',
      'def build(query):', '    return strawberry.Schema(query=query)',
      'schema = strawberry.Schema(query=Query)', '',
    ].join('\n')),
  ]);
  const out = graphqlOf(ix, [], gaps);
  assert.equal(out.length, 1);
  assert.equal(out[0]!.framework, 'strawberry');
  assert.deepEqual(out[0]!.queries, ['site', 'site_list', 'version']);
  assert.deepEqual(out[0]!.mutations, []);
  assert.equal(out[0]!.endpoint, undefined);
  assert.equal(gaps.length, 1);
  assert.match(gaps[0]!, /app\/schema\.py:13: Query also inherits from registry\["plugins"\], computed at run time/);
});

test('ariadne: QueryType/MutationType bindables with @x.field and set_field, resolvers in another module; without ariadne imported nothing is read', () => {
  const ix = new ModuleIndex([
    file('api.types', 'api/types.py', 'from ariadne import QueryType, MutationType, ObjectType\nquery = QueryType()\nmutation = MutationType()\nuser = ObjectType("User")\n@query.field("hello")\ndef hello(*_):\n    return "hi"\n@user.field("name")\ndef name(*_):\n    return "n"\n'),
    file('api.resolvers', 'api/resolvers.py', 'import ariadne\nfrom api.types import mutation\n@mutation.field("login")\ndef login(*_):\n    return 1\nmutation.set_field("logout", login)\n'),
    file('other', 'other.py', 'query = QueryType()\n@query.field("nope")\ndef f():\n    pass\n'),
  ]);
  const out = graphqlOf(ix, [], []);
  assert.deepEqual(out.map((s) => [s.framework, s.schema, s.queries, s.mutations]), [['ariadne', 'api.types', ['hello'], ['login', 'logout']]]);
});
