import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cookieHeader, postForm, signedInAs, signIn } from '../helpers/admin.ts';
import { parsePage, text } from '../helpers/html.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('the Users page', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAs>>;

  before(async () => {
    app = await createTestApp();
    admin = await signedInAs(app, 'admin');
  });
  after(() => app.close());

  const get = (url: string, jar = admin.jar) =>
    app.http.inject({ url, headers: { cookie: cookieHeader(jar) } });
  const post = (action: string, fields: Record<string, string>, jar = admin.jar) =>
    postForm(app, '/admin/users', action, fields, jar);
  const row = (body: string, id: number) => parsePage(body).querySelector(`#user-${id}`);

  it('invites a colleague, shows the link once, and the link lets them in with the role given', async () => {
    const refused = await post('/admin/users/invite', {
      name: 'Taras',
      email: 'not-an-email',
      role: 'editor',
    });
    assert.equal(refused.statusCode, 422);
    let doc = parsePage(refused.body);
    assert.equal(
      text(doc.querySelector('#invite-email-error')),
      'Please enter a valid email address, such as name@example.com.',
    );
    assert.equal(doc.querySelector('#invite-name')?.getAttribute('value'), 'Taras');
    assert.equal(doc.querySelector('#invite-role option[selected]')?.getAttribute('value'), 'editor');

    const res = await post('/admin/users/invite', {
      name: 'Taras',
      email: 'taras@newsroom.test',
      role: 'editor',
    });
    assert.equal(res.statusCode, 200);
    doc = parsePage(res.body);
    const link = doc.querySelector('#invitation-link')?.getAttribute('value') ?? '';
    assert.match(link, /^http:\/\/newsdesk\.test\/admin\/invite\/[\w-]+$/);
    const taras = (await app.services.auth.listUsers()).find((u) => u.email === 'taras@newsroom.test')!;
    assert.equal(text(row(res.body, taras.id)?.querySelector('.status')), 'Invited');
    assert.equal(
      parsePage((await get('/admin/users')).body).querySelector('#invitation-link'),
      null,
      'shown once',
    );

    const again = await post('/admin/users/invite', {
      name: 'Taras 2',
      email: 'TARAS@newsroom.test',
      role: 'author',
    });
    assert.equal(again.statusCode, 409);
    assert.equal(
      text(parsePage(again.body).querySelector('#invite-email-error')),
      'An account with this email already exists.',
    );

    const token = link.split('/').pop()!;
    assert.ok(await app.services.auth.findInvitation(token));
  });

  it('changes a role and deactivates an account, ending its sessions; reactivates it', async () => {
    const { user: ed, jar: edJar } = await signedInAs(app, 'editor', 'ed@newsroom.test');
    let res = await post(`/admin/users/${ed.id}/role`, { role: 'author' });
    assert.equal(res.statusCode, 200);
    assert.equal(
      text(parsePage(res.body).querySelector('.notice--success')),
      'Editor Person’s role is changed.',
    );
    assert.equal((await app.services.auth.getUser(ed.id))?.role, 'author');
    assert.equal((await get('/admin/sections', edJar)).statusCode, 403, 'the new role applies at once');

    res = await post(`/admin/users/${ed.id}/role`, { role: 'owner' });
    assert.equal(res.statusCode, 422);
    assert.match(
      text(parsePage(res.body).querySelector('.notice--error')),
      /The role must be one of: admin, editor, author, contributor/,
    );

    res = await post(`/admin/users/${ed.id}/deactivate`, {});
    assert.equal(res.statusCode, 200);
    assert.equal(text(row(res.body, ed.id)?.querySelector('.status')), 'Deactivated');
    const dashboard = await app.http.inject({
      url: '/admin',
      headers: { cookie: cookieHeader(edJar), accept: 'text/html' },
    });
    assert.equal(dashboard.statusCode, 303, 'the deactivated session is over');
    await assert.rejects(signIn(app, 'ed@newsroom.test', 'correct horse battery staple'));

    res = await post(`/admin/users/${ed.id}/reactivate`, {});
    assert.equal(text(row(res.body, ed.id)?.querySelector('.status')), 'Active');
    assert.ok(await signIn(app, 'ed@newsroom.test', 'correct horse battery staple'));
  });

  it('never lets an admin lock the newsroom out', async () => {
    let res = await post(`/admin/users/${admin.user.id}/deactivate`, {});
    assert.equal(res.statusCode, 409);
    assert.equal(
      text(parsePage(res.body).querySelector('.notice--error')),
      'You cannot deactivate your own account; ask another admin.',
    );
    res = await post(`/admin/users/${admin.user.id}/role`, { role: 'contributor' });
    assert.equal(res.statusCode, 409);
    // The own row offers neither control.
    const own = row((await get('/admin/users')).body, admin.user.id)!;
    assert.equal(own.querySelector('form'), null);

    const other = await signedInAs(app, 'admin', 'second-admin@newsroom.test');
    res = await post(`/admin/users/${admin.user.id}/deactivate`, {}, other.jar);
    assert.equal(res.statusCode, 200, 'another admin may');
    res = await post(`/admin/users/${other.user.id}/role`, { role: 'editor' }, other.jar);
    assert.equal(res.statusCode, 409);
    await app.services.auth.createUser({
      email: 'third@newsroom.test',
      name: 'Third',
      role: 'editor',
      password: 'correct horse battery staple',
    });
    const third = (await app.services.auth.listUsers()).find((u) => u.email === 'third@newsroom.test')!;
    await assert.rejects(app.services.users.deactivate(third, other.user.id), /last active admin/);
    await assert.rejects(app.services.users.changeRole(third, other.user.id, 'editor'), /last active admin/);
  });

  it('is for admins only', async () => {
    for (const role of ['editor', 'author', 'contributor'] as const) {
      const { jar, user } = await signedInAs(app, role, `${role}-x@newsroom.test`);
      assert.equal((await get('/admin/users', jar)).statusCode, 403, role);
      const res = await postForm(app, '/admin', `/admin/users/${user.id}/role`, { role: 'admin' }, jar);
      assert.equal(res.statusCode, 403, role);
      assert.equal((await app.services.auth.getUser(user.id))?.role, role);
      assert.equal(parsePage((await get('/admin', jar)).body).querySelector('a[href="/admin/users"]'), null);
    }
  });
});
