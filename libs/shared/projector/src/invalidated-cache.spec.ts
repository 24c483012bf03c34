import { changePayloads, ReadModelChanges } from './read-model-changes';
import { InvalidatedCache } from './invalidated-cache';


interface Key {
  keyId: string;
  account: string;
}

function setUp() {
  const changes = new ReadModelChanges();
  const cache = new InvalidatedCache<Key>(changes, { kind: 'api-key', idOf: (_hash, key) => key.keyId, max: 10, ttlMs: 60_000 });
  let loads = 0;
  const load = (value: Key | null) => async () => (loads++, value);
  return { changes, cache, load, loads: () => loads };
}

const key: Key = { keyId: 'key-1', account: '111111111111' };

it('loads once, then answers from memory', async () => {
  const { cache, load, loads } = setUp();
  expect(await cache.get('hash-1', load(key))).toEqual(key);
  expect(await cache.get('hash-1', load(null))).toEqual(key);
  expect(loads()).toBe(1);
});

it('never keeps an unknown key: the next request looks again', async () => {
  const { cache, load, loads } = setUp();
  expect(await cache.get('hash-1', load(null))).toBeNull();
  expect(await cache.get('hash-1', load(key))).toEqual(key);
  expect(loads()).toBe(2);
});

it('forgets an entry when its id is announced in a notification payload', async () => {
  const { changes, cache, load } = setUp();
  await cache.get('hash-1', load(key));
  changes.received(changePayloads(['tenant-quotas:t1', 'api-key:key-1'])[0]);
  expect(await cache.get('hash-1', load(null))).toBeNull();
});

it('keeps entries another id or kind names', async () => {
  const { changes, cache, load } = setUp();
  await cache.get('hash-1', load(key));
  changes.received('api-key:key-2 tenant-quotas:key-1');
  expect(await cache.get('hash-1', load(null))).toEqual(key);
});

it('forgets everything when notifications may have been missed (empty payload)', async () => {
  const { changes, cache, load } = setUp();
  await cache.get('hash-1', load(key));
  changes.received('');
  expect(await cache.get('hash-1', load(null))).toBeNull();
});

it('does not keep a load that overlapped an announcement: it may have read the row before the change', async () => {
  const { changes, cache, load } = setUp();
  let finish!: (value: Key) => void;
  const slow = cache.get('hash-1', () => new Promise<Key>((resolve) => (finish = resolve)));
  changes.received('api-key:key-1');
  finish(key);
  expect(await slow).toEqual(key);
  expect(await cache.get('hash-1', load(null))).toBeNull();
});

it('splits announcements into payloads under the NOTIFY limit, each key once', () => {
  const keys = Array.from({ length: 1_000 }, (_, i) => `api-key:key-${String(i).padStart(36, '0')}`);
  const payloads = changePayloads([...keys, ...keys]);
  expect(payloads.length).toBeGreaterThan(1);
  expect(payloads.every((p) => p.length <= 7_900)).toBe(true);
  expect(payloads.flatMap((p) => p.split(' '))).toEqual(keys);
});
