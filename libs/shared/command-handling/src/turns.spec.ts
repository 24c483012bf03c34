import { Turns } from './turns';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('Turns', () => {
  it('runs the work of one key one at a time, in the order asked, and goes on after a failure', async () => {
    const turns = new Turns();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const work = (name: string, fail = false) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([turns.take('k', work('a')), turns.take('k', work('b', true)), turns.take('k', work('c'))]);
    expect(most).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs different keys side by side', async () => {
    const turns = new Turns();
    let running = 0;
    let most = 0;
    const work = async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
    };
    await Promise.all([turns.take('a', work), turns.take('b', work), turns.take('c', work)]);
    expect(most).toBe(3);
  });
});
