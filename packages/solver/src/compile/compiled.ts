// The compiled instance: what every solver loop reads. Integers in ticks (settings.timeResolutionSec
// seconds each) from the board's origin (the earliest shift start), dense typed arrays, dense
// indices (`tech`, `job`, `house`, `sku`, `dim`, `loc`). No wire objects are walked in a hot loop.
import type { Problem } from '../model/problem.ts';

/** Sentinel for "no time" in tick arrays (no pinned start, no deadline). */
export const NO_TIME = -0x7fffffff;
/** Travel ticks of a pair with no route. Large, but sums of a few stay inside int32 math in doubles. */
export const UNREACHABLE = 0x3fffffff;

/** Why a technician cannot take a job at all, before any timing (0 = compatible). */
export const enum Compat {
  Ok = 0,
  Skill = 1,
  Level = 2,
  Excluded = 3,
  Pinned = 4,
}

export const PRIORITY_INDEX = { emergency: 0, urgent: 1, normal: 2, low: 3 } as const;

export interface Compiled {
  /** The validated wire problem; only compile/ and unload may read it. */
  readonly problem: Problem;
  /** Epoch milliseconds at tick 0. */
  readonly originMs: number;
  /** Seconds per tick. */
  readonly tickSec: number;
  /** UTC offset (minutes) in which to write times back out. */
  readonly utcOffsetMin: number;

  readonly nTechs: number;
  readonly nJobs: number;
  readonly nHouses: number;
  readonly nSkus: number;
  readonly nDims: number;
  readonly nLocs: number;

  readonly techIds: readonly string[];
  /** Ids of the jobs to plan (cancelled and complete jobs are left out). */
  readonly jobIds: readonly string[];
  /** jobWire[job] = index of the job in problem.jobs */
  readonly jobWire: Int32Array;
  readonly houseIds: readonly string[];
  readonly skus: readonly string[];
  readonly dims: readonly string[];

  // --- locations and travel (nLocs × nLocs, row-major) ---
  readonly techStartLoc: Int32Array;
  readonly techEndLoc: Int32Array;
  readonly jobLoc: Int32Array;
  readonly houseLoc: Int32Array;
  /** locLat/locLon[loc]: the location's coordinates, degrees (setup only: clustering, bounding boxes). */
  readonly locLat: Float64Array;
  readonly locLon: Float64Array;
  /** Leg time the schedule uses: ceil(drive × (1 + padding%) / tickSec); UNREACHABLE when no route. */
  readonly legTicks: Int32Array;
  /** Exact drive seconds (unpadded; Infinity when no route). */
  readonly driveSec: Float64Array;
  /** Exact metres. */
  readonly distM: Float64Array;
  /** drivePaddingPct / 100 */
  readonly paddingFrac: number;

  // --- technicians ---
  readonly shiftStart: Int32Array;
  readonly shiftEnd: Int32Array;
  /** Latest return: shift end + allowed overtime. */
  readonly latestEnd: Int32Array;
  /** Max drive ticks per day (UNREACHABLE when unlimited). */
  readonly maxDriveTicks: Int32Array;
  readonly overtimeCostPerTick: Float64Array;
  /** breaks of tech t: indices techBreakStart[t] .. techBreakStart[t+1]-1, sorted by window start */
  readonly techBreakStart: Int32Array;
  readonly breakDurTicks: Int32Array;
  /** Earliest break start, ticks. */
  readonly breakEarliest: Int32Array;
  /** Latest break start (window end - duration), ticks. */
  readonly breakLatest: Int32Array;
  /** Index of the break in technician.breaks. */
  readonly breakWire: Int32Array;
  /** vanStock[tech * nSkus + sku] */
  readonly vanStock: Int32Array;
  /** capacity[tech * nDims + dim] (Infinity = unlimited) */
  readonly capacity: Float64Array;

  // --- jobs ---
  /** serviceTicks[job * nTechs + tech]: duration for that technician's level */
  readonly serviceTicks: Int32Array;
  /** bufferTicks[job * nTechs + tech] */
  readonly bufferTicks: Int32Array;
  /** windows of job j: winStart/winEnd[jobWinStart[j] .. jobWinStart[j+1]-1], sorted; none = any time */
  readonly jobWinStart: Int32Array;
  readonly winStart: Int32Array;
  readonly winEnd: Int32Array;
  /** Earliest start (parts arriving), ticks (NO_TIME when none). */
  readonly release: Int32Array;
  readonly pinnedStart: Int32Array;
  /** Pinned technician index, -1 when none. */
  readonly pinnedTech: Int32Array;
  readonly priority: Uint8Array;
  /** Response deadline, ticks (NO_TIME when none). */
  readonly deadline: Int32Array;
  readonly unassignedCost: Float64Array;
  readonly value: Float64Array;
  /** demand[job * nDims + dim] */
  readonly demand: Float64Array;
  /** parts of job j: partSku/partQty[jobPartStart[j] .. jobPartStart[j+1]-1] */
  readonly jobPartStart: Int32Array;
  readonly partSku: Int32Array;
  readonly partQty: Int32Array;
  /** allowed supply houses of job j (CSR); an empty slice = any */
  readonly jobHouseStart: Int32Array;
  readonly jobHouse: Int32Array;

  // --- technician × job ---
  /** compat[tech * nJobs + job]: a Compat code */
  readonly compat: Uint8Array;
  /** Fixed cost of giving the job to the tech (overqualification + preferred miss). */
  readonly assignCost: Float64Array;

  // --- supply houses ---
  readonly houseOpen: Int32Array;
  readonly houseClose: Int32Array;
  readonly pickupTicks: Int32Array;
  /** houseStock[house * nSkus + sku] */
  readonly houseStock: Int32Array;

  // --- cost weights per unit ---
  readonly costPerDriveSec: number;
  readonly costPerMetre: number;
  readonly costPerWaitTick: number;
  readonly costPerLateTick: number;
}
