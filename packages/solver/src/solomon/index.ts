// Solomon VRPTW benchmark instances: the text reader (pure) and the loaders (file system).
export {
  readSolomon,
  parseSolomonText,
  solomonDistances,
  solomonTimeIso,
  SOLOMON_BASE_ISO,
  SOLOMON_BASE_MS,
  SOLOMON_TIME_RESOLUTION_SEC,
  SOLOMON_UNASSIGNED_COST,
  type SolomonInstance,
  type SolomonRow,
} from './read.ts';
export {
  solomonDir,
  listSolomon,
  loadSolomon,
  loadBks,
  SOLOMON_DIR_ENV,
  DEFAULT_SOLOMON_DIR,
  type SolomonBks,
  type SolomonBksResult,
} from './load.ts';
