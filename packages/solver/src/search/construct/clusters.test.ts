// jobClusters / assignClusters: every job in exactly one (non-empty) cluster, the seeded shuffle
// gives the same clusters for the same seed, and the cluster–technician assignment is one-to-one.
import { describe, expect, it } from 'vitest';
import { Compat } from '../../compile/compiled.ts';
import { compile } from '../../compile/compile.ts';
import { parseProblem } from '../../model/parse.ts';
import { fieldProblem, solomon } from '../engine/fixture.test-helper.ts';
import { Rng } from '../engine/rng.ts';
import { assignClusters, jobClusters } from './clusters.ts';

describe('jobClusters', () => {
  it('puts every job in exactly one non-empty cluster, members listed once', async () => {
    const { c } = await solomon('RC101');
    for (const k of [1, 7, 25, 100, 500]) {
      const cl = jobClusters(c, { k, seed: 3 });
      expect(cl.k).toBeGreaterThan(0);
      expect(cl.k).toBeLessThanOrEqual(Math.min(k, c.nJobs));
      const seen = new Uint8Array(c.nJobs);
      for (let q = 0; q < cl.k; q++) {
        expect(cl.start[q + 1]! - cl.start[q]!).toBeGreaterThan(0);
        for (let m = cl.start[q]!; m < cl.start[q + 1]!; m++) {
          const j = cl.members[m]!;
          expect(cl.clusterOf[j]).toBe(q);
          seen[j] = seen[j]! + 1;
        }
      }
      expect(cl.start[cl.k]).toBe(c.nJobs);
      expect(Array.from(seen).every((x) => x === 1)).toBe(true);
    }
  });

  it('is stable for a seed (the shuffle that picks the initial centroids is seeded)', async () => {
    const { c } = await solomon('R101');
    const a = jobClusters(c, { k: 12, seed: 9 });
    const b = jobClusters(c, { k: 12, seed: 9 });
    expect(Array.from(a.clusterOf)).toEqual(Array.from(b.clusterOf));
    expect(Array.from(a.lat)).toEqual(Array.from(b.lat));
    // the shuffle itself: Rng.shuffle is a fixed permutation per seed
    const p = new Rng(9).shuffle(Int32Array.from({ length: 10 }, (_, i) => i));
    const q = new Rng(9).shuffle(Int32Array.from({ length: 10 }, (_, i) => i));
    expect(Array.from(p)).toEqual(Array.from(q));
    expect(Array.from(p).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('groups nearby jobs: two far-apart groups become two clusters', async () => {
    const input = fieldProblem(1, 12);
    input.jobs!.forEach((j, i) => {
      j.location = { lat: i < 6 ? 39.7 + i * 1e-3 : 40.5 + i * 1e-3, lon: -105 };
    });
    const c = await compile(parseProblem(input));
    for (const seed of [1, 2, 3, 4]) {
      const cl = jobClusters(c, { k: 2, seed });
      expect(cl.k).toBe(2);
      for (let j = 0; j < 12; j++) expect(cl.clusterOf[j] === cl.clusterOf[0]).toBe(j < 6);
    }
  });
});

describe('assignClusters', () => {
  it('gives each technician at most one cluster and each cluster at most one technician, compatible', async () => {
    const c = await compile(parseProblem(fieldProblem(2, 40)));
    const cl = jobClusters(c, { k: 6, seed: 1 });
    const techCluster = assignClusters(c, cl);
    const used = new Set<number>();
    let assigned = 0;
    for (let t = 0; t < c.nTechs; t++) {
      const q = techCluster[t]!;
      if (q < 0) continue;
      assigned++;
      expect(used.has(q)).toBe(false);
      used.add(q);
      let fit = false;
      for (let m = cl.start[q]!; m < cl.start[q + 1]!; m++) if (c.compat[t * c.nJobs + cl.members[m]!] === Compat.Ok) fit = true;
      expect(fit).toBe(true);
    }
    expect(assigned).toBe(Math.min(c.nTechs, cl.k));
  });
});
