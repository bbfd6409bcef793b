// Geographic clusters of the jobs (k-means, @turf/clusters-kmeans, on a seeded shuffle because turf
// takes the first k points as initial centroids) and a greedy assignment of clusters to technicians.
// Invariants: every job is in exactly one cluster; ids are dense (0..k-1, none empty); same seed, same clusters.
import { clustersKmeans } from '@turf/clusters-kmeans';
import { featureCollection, point } from '@turf/helpers';
import { Compat, type Compiled } from '../../compile/compiled.ts';
import { Rng } from '../engine/rng.ts';

export interface JobClusters {
  /** number of (non-empty) clusters */
  k: number;
  /** clusterOf[job]: cluster id in 0..k-1 */
  clusterOf: Int32Array;
  /** members of cluster q: members[start[q] .. start[q+1]-1], ascending job index */
  start: Int32Array;
  members: Int32Array;
  /** centroid of each cluster, degrees */
  lat: Float64Array;
  lon: Float64Array;
}

export interface ClusterOptions {
  /** wanted number of clusters (default: the number of technicians; capped at the number of jobs) */
  k?: number;
  /** seed of the shuffle that picks the initial centroids (default 1) */
  seed?: number;
}

const KM_PER_DEG = 111.195;

/** Equirectangular distance between two points, km (setup only; exact enough for ranking at metro scale). */
export function approxKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const x = (lon2 - lon1) * Math.cos(((lat1 + lat2) * Math.PI) / 360);
  const y = lat2 - lat1;
  return KM_PER_DEG * Math.sqrt(x * x + y * y);
}

/**
 * k-means clusters of the job locations. Longitudes are scaled by cos(mean latitude) before
 * clustering so that the plane is roughly isotropic. O(iterations × nJobs × k).
 */
export function jobClusters(c: Compiled, { k, seed = 1 }: ClusterOptions = {}): JobClusters {
  const n = c.nJobs;
  const want = Math.max(1, Math.min(n, k ?? c.nTechs));
  const clusterOf = new Int32Array(n);
  if (n === 0) return { k: 0, clusterOf, start: new Int32Array(1), members: new Int32Array(0), lat: new Float64Array(0), lon: new Float64Array(0) };
  let meanLat = 0;
  for (let j = 0; j < n; j++) meanLat += c.locLat[c.jobLoc[j]!]!;
  const scale = Math.cos(((meanLat / n) * Math.PI) / 180) || 1;
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  new Rng(seed).shuffle(order);
  const points = featureCollection(Array.from(order, (j) => point([c.locLon[c.jobLoc[j]!]! * scale, c.locLat[c.jobLoc[j]!]!])));
  const out = clustersKmeans(points, { numberOfClusters: want, mutate: true });
  // compact the ids (skmeans can leave a cluster empty when two initial centroids coincide)
  const raw = new Int32Array(n);
  const remap = new Int32Array(want).fill(-1);
  for (let i = 0; i < n; i++) raw[order[i]!] = out.features[i]!.properties.cluster ?? 0;
  let kk = 0;
  for (let j = 0; j < n; j++) {
    const r = raw[j]!;
    if (remap[r] === -1) remap[r] = kk++;
    clusterOf[j] = remap[r]!;
  }
  const start = new Int32Array(kk + 1);
  for (let j = 0; j < n; j++) start[clusterOf[j]! + 1] = start[clusterOf[j]! + 1]! + 1;
  for (let q = 0; q < kk; q++) start[q + 1] = start[q + 1]! + start[q]!;
  const fill = start.slice(0, kk);
  const members = new Int32Array(n);
  const lat = new Float64Array(kk);
  const lon = new Float64Array(kk);
  for (let j = 0; j < n; j++) {
    const q = clusterOf[j]!;
    members[fill[q]!++] = j;
    lat[q] = lat[q]! + c.locLat[c.jobLoc[j]!]!;
    lon[q] = lon[q]! + c.locLon[c.jobLoc[j]!]!;
  }
  for (let q = 0; q < kk; q++) {
    const size = start[q + 1]! - start[q]!;
    lat[q] = lat[q]! / size;
    lon[q] = lon[q]! / size;
  }
  return { k: kk, clusterOf, start, members, lat, lon };
}

/**
 * Gives each cluster at most one technician and each technician at most one cluster, cheapest pairs
 * first: the distance from the technician's start to the centroid, divided by the share of the
 * cluster's unassigned-cost weight the technician may do (skills, exclusions, pins) plus 0.1.
 * Returns techCluster[tech] (-1: none). O(k × nTechs × cluster size + pairs log pairs).
 */
export function assignClusters(c: Compiled, cl: JobClusters): Int32Array {
  const { k } = cl;
  const nT = c.nTechs;
  const techCluster = new Int32Array(nT).fill(-1);
  if (k === 0) return techCluster;
  const cost = new Float64Array(k * nT);
  for (let q = 0; q < k; q++) {
    let total = 0;
    for (let m = cl.start[q]!; m < cl.start[q + 1]!; m++) total += c.unassignedCost[cl.members[m]!]! + 1;
    for (let t = 0; t < nT; t++) {
      let fit = 0;
      for (let m = cl.start[q]!; m < cl.start[q + 1]!; m++) {
        const j = cl.members[m]!;
        if (c.compat[t * c.nJobs + j] === Compat.Ok) fit += c.unassignedCost[j]! + 1;
      }
      const s = c.techStartLoc[t]!;
      const km = approxKm(cl.lat[q]!, cl.lon[q]!, c.locLat[s]!, c.locLon[s]!);
      cost[q * nT + t] = fit === 0 ? Infinity : (km + 0.1) / (fit / total + 0.1);
    }
  }
  const pairs = Array.from({ length: k * nT }, (_, i) => i).filter((i) => cost[i]! < Infinity);
  pairs.sort((a, b) => cost[a]! - cost[b]! || a - b);
  const clusterTaken = new Uint8Array(k);
  for (const i of pairs) {
    const q = Math.floor(i / nT);
    const t = i - q * nT;
    if (clusterTaken[q] || techCluster[t] !== -1) continue;
    clusterTaken[q] = 1;
    techCluster[t] = q;
  }
  return techCluster;
}
