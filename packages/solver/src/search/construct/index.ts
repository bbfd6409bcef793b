// Construction of a first board: clustering-aware regret insertion (regret.ts) over k-means job
// clusters (clusters.ts). Every Solution it returns is feasible for the RouteScheduler.
export { construct, type ConstructOptions, type ConstructStats } from './regret.ts';
export { assignClusters, jobClusters, type ClusterOptions, type JobClusters } from './clusters.ts';
