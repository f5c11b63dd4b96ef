import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockedReason } from '../../../src/ingest/fetch/address-policy.ts';

describe('address policy', () => {
  it('refuses loopback, private, link-local, metadata and reserved addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '127.1.2.3',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      '100.100.100.200',
      '169.254.169.254',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      'fc00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:169.254.169.254',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::',
      '[::1]',
    ]) {
      assert.ok(blockedReason(ip), `${ip} should be refused`);
    }
    assert.match(blockedReason('169.254.169.254')!, /metadata/);
    assert.match(blockedReason('127.0.0.1')!, /loopback/);
  });

  it('allows public addresses', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      assert.equal(blockedReason(ip), undefined, `${ip} should be allowed`);
    }
  });

  it('lets tests reach loopback only, and only when they say so', () => {
    assert.equal(blockedReason('127.0.0.1', { allowLoopback: true }), undefined);
    assert.equal(blockedReason('::1', { allowLoopback: true }), undefined);
    assert.ok(blockedReason('10.0.0.1', { allowLoopback: true }));
    assert.ok(blockedReason('169.254.169.254', { allowLoopback: true }));
  });
});
