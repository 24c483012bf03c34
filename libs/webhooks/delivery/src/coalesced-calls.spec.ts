import { CoalescedCalls } from './coalesced-calls';

describe('coalesced calls', () => {
  it('sends the first call at once and the calls made meanwhile together, each answered with its own result', async () => {
    const batches: number[][] = [];
    const calls = new CoalescedCalls<number, number>(async (requests) => {
      batches.push(requests);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return requests.map((n) => n * 10);
    });
    const results = await Promise.all([1, 2, 3, 4].map((n) => calls.call(n)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('a failed statement fails the calls it carried, not the next ones', async () => {
    let fail = true;
    const calls = new CoalescedCalls<number, number>(async (requests) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) {
        fail = false;
        throw new Error('connection lost');
      }
      return requests;
    });
    const first = calls.call(1);
    const second = calls.call(2);
    await expect(first).rejects.toThrow('connection lost');
    await expect(second).resolves.toBe(2);
  });
});
