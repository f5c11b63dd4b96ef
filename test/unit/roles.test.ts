import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { can } from '../../src/auth/roles.ts';
import { hashPassword, verifyPassword } from '../../src/auth/password.ts';

describe('roles', () => {
  it('follow WordPress: editors moderate and publish anything; authors publish their own; contributors submit', () => {
    assert.ok(can('admin', 'users.manage'));
    assert.ok(!can('editor', 'users.manage'));
    assert.ok(can('editor', 'comments.moderate') && can('editor', 'articles.publish.any'));
    assert.ok(can('author', 'articles.publish.own') && !can('author', 'articles.edit.any'));
    assert.ok(can('contributor', 'articles.edit.own') && !can('contributor', 'articles.publish.own'));
    assert.ok(!can('contributor', 'comments.moderate'));
  });
});

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    assert.notEqual(a, b);
    assert.match(a, /^scrypt\$32768\$8\$1\$/);
    assert.ok(await verifyPassword('correct horse battery staple', a));
    assert.ok(!(await verifyPassword('correct horse battery stapler', a)));
    assert.ok(!(await verifyPassword('x', 'garbage')));
  });
});
