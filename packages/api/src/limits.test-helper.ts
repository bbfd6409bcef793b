// A generated day of `jobs` jobs and `techs` technicians around Columbus, OH (deterministic):
// big enough that building the first board takes longer than a tiny time limit.
export function bigProblemJson(jobs: number, techs: number): string {
  const at = (h: number) => `2026-03-02T${String(h).padStart(2, '0')}:00:00-05:00`;
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  return JSON.stringify({
    technicians: Array.from({ length: techs }, (_, i) => ({ id: `T${i}`, start: { lat: 39.9 + rnd() * 0.2, lon: -83.1 + rnd() * 0.2 }, shift: { start: at(8), end: at(18) } })),
    jobs: Array.from({ length: jobs }, (_, i) => ({ id: `J${i}`, location: { lat: 39.9 + rnd() * 0.2, lon: -83.1 + rnd() * 0.2 }, durationMin: 20 + Math.floor(rnd() * 40) })),
  });
}
