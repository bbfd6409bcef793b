// The kinds of work a residential HVAC / plumbing / electrical shop books, with durations, skill
// levels, parts, revenue and how the season tilts them. Invariant: required levels are 1–4 (a
// trade's lead is level 4 or 5, so one lead covers every single-trade job); every SKU is in PARTS;
// durations lie in 20–420 minutes. Each trade has short visits (20–45 min: maintenance-agreement
// visits, filter changes, GFCI swaps, estimates, callbacks) that a shop runs in volume; the mixer
// (jobs.ts) leans on them when a day books many jobs per technician.
import type { Trade } from './catalogue.ts';
import type { Rng } from './rng.ts';

/** How customers book the visit: see `windowsFor` in day.ts. */
export type WindowStyle = 'service' | 'flexible' | 'install';

/** Relative frequency: base + heat × heating demand + cool × cooling demand (demands 0..1, by month). */
export interface SeasonWeight {
  base: number;
  heat?: number;
  cool?: number;
}

export interface JobType {
  /** Wire `job.type`, e.g. "ac-tune-up". */
  type: string;
  /** Wire `job.name` prefix, as the shop says it. */
  label: string;
  /** The trade whose technicians (and capacity) the job draws on. */
  trade: Trade;
  /** Required skills and minimum levels (1–5). */
  skills: Partial<Record<Trade, number>>;
  /** Duration range at the minimum level, minutes (drawn in 5-minute steps). */
  durationMin: readonly [number, number];
  /** Seniors finish faster: durationByLevelMin gets 90% one level up, 80% two or more levels up. */
  fasterSeniors: boolean;
  /** Revenue range, USD (drawn in 5-dollar steps). */
  valueUsd: readonly [number, number];
  weight: SeasonWeight;
  /** As an emergency (no heat, active leak, …): its name and frequency; absent = never one. */
  emergency?: { label: string } & SeasonWeight;
  windows: WindowStyle;
  /** Shares of these jobs booked urgent and low (the rest normal, emergencies aside). */
  urgentShare: number;
  lowShare: number;
  /** Parts the job will use (SKU -> quantity), drawn per job. */
  parts?: (rng: Rng) => Record<string, number>;
}

const filter = (rng: Rng): Record<string, number> =>
  rng.weighted<Record<string, number>>([
    [{ 'FLT-16X25X1': 1 }, 0.35],
    [{ 'FLT-20X25X1': 1 }, 0.25],
    [{ 'FLT-16X25X4': 1 }, 0.1],
    [{}, 0.3],
  ]);

/** A filter-change visit always leaves a new filter (1" pleated mostly; 4" media on newer systems). */
const newFilter = (rng: Rng): Record<string, number> =>
  rng.weighted<Record<string, number>>([
    [{ 'FLT-16X25X1': 1 }, 0.45],
    [{ 'FLT-20X25X1': 1 }, 0.35],
    [{ 'FLT-16X25X4': 1 }, 0.2],
  ]);

export const JOB_TYPES: readonly JobType[] = [
  // HVAC
  {
    type: 'furnace-tune-up', label: 'Furnace tune-up', trade: 'hvac', skills: { hvac: 1 },
    durationMin: [45, 60], fasterSeniors: false, valueUsd: [89, 149],
    weight: { base: 0.4, heat: 2.5 }, windows: 'flexible', urgentShare: 0, lowShare: 0.3, parts: filter,
  },
  {
    type: 'ac-tune-up', label: 'AC tune-up', trade: 'hvac', skills: { hvac: 1 },
    durationMin: [45, 60], fasterSeniors: false, valueUsd: [89, 149],
    weight: { base: 0.3, cool: 3 }, windows: 'flexible', urgentShare: 0, lowShare: 0.3, parts: filter,
  },
  {
    type: 'no-heat-diagnosis', label: 'No heat: diagnose and repair', trade: 'hvac', skills: { hvac: 2 },
    durationMin: [60, 90], fasterSeniors: true, valueUsd: [149, 450],
    weight: { base: 0.2, heat: 3 }, emergency: { label: 'EMERGENCY no heat', base: 0.1, heat: 4 },
    windows: 'service', urgentShare: 0.25, lowShare: 0,
    parts: (rng) =>
      rng.weighted<Record<string, number>>([
        [{ 'IGN-HSI': 1 }, 0.3],
        [{ 'FLM-SENSOR': 1 }, 0.25],
        [{ 'PRESS-SW': 1 }, 0.1],
        [{ 'FUSE-3A': 1 }, 0.05],
        [{ 'CTRL-BOARD': 1 }, 0.05],
        [{}, 0.25],
      ]),
  },
  {
    type: 'no-cool-diagnosis', label: 'No cool: diagnose and repair', trade: 'hvac', skills: { hvac: 2 },
    durationMin: [60, 90], fasterSeniors: true, valueUsd: [149, 450],
    weight: { base: 0.1, cool: 3 }, emergency: { label: 'EMERGENCY no cooling', base: 0, cool: 1 },
    windows: 'service', urgentShare: 0.2, lowShare: 0,
    parts: (rng) =>
      rng.weighted<Record<string, number>>([
        [{ 'CAP-35-5': 1 }, 0.2],
        [{ 'CAP-45-5': 1 }, 0.15],
        [{ 'CONT-1P-30A': 1 }, 0.15],
        [{ 'CONT-2P-40A': 1 }, 0.05],
        [{ 'REF-R410A-LB': rng.int(2, 4) }, 0.1],
        [{ 'COND-FAN-MTR': 1, 'CAP-10': 1 }, 0.05],
        [{}, 0.3],
      ]),
  },
  {
    type: 'furnace-repair', label: 'Furnace repair: motor or board replacement', trade: 'hvac', skills: { hvac: 3 },
    durationMin: [90, 150], fasterSeniors: true, valueUsd: [450, 1100],
    weight: { base: 0.1, heat: 0.6 }, windows: 'service', urgentShare: 0.2, lowShare: 0,
    parts: (rng) => rng.weighted<Record<string, number>>([[{ 'BLOWER-MTR-ECM': 1 }, 0.4], [{ 'INDUCER-MTR': 1 }, 0.35], [{ 'CTRL-BOARD': 1 }, 0.25]]),
  },
  {
    type: 'thermostat-install', label: 'Thermostat install', trade: 'hvac', skills: { hvac: 1 },
    durationMin: [45, 75], fasterSeniors: false, valueUsd: [250, 450],
    weight: { base: 0.35 }, windows: 'flexible', urgentShare: 0, lowShare: 0.3, parts: () => ({ 'TSTAT-PROG': 1 }),
  },
  {
    type: 'furnace-replacement', label: 'Furnace replacement', trade: 'hvac', skills: { hvac: 4 },
    durationMin: [300, 420], fasterSeniors: true, valueUsd: [4800, 7500],
    weight: { base: 0.03, heat: 0.2 }, windows: 'install', urgentShare: 0.2, lowShare: 0,
    parts: () => ({ 'FURN-80K-96': 1, 'FLT-16X25X4': 1 }),
  },
  {
    type: 'ac-replacement', label: 'AC condenser and coil replacement', trade: 'hvac', skills: { hvac: 4 },
    durationMin: [300, 420], fasterSeniors: true, valueUsd: [5500, 8500],
    weight: { base: 0.02, cool: 0.3 }, windows: 'install', urgentShare: 0.1, lowShare: 0,
    parts: (rng) => ({ 'COND-3T-16S': 1, 'COIL-3T': 1, 'REF-R410A-LB': rng.int(1, 3) }),
  },
  {
    type: 'furnace-safety-check', label: 'Furnace safety and CO check', trade: 'hvac', skills: { hvac: 1 },
    durationMin: [30, 45], fasterSeniors: false, valueUsd: [79, 129],
    weight: { base: 0.02, heat: 0.6 }, windows: 'flexible', urgentShare: 0.1, lowShare: 0.2,
  },
  {
    type: 'hvac-estimate', label: 'Replacement estimate (comfort advisor)', trade: 'hvac', skills: { hvac: 3 },
    durationMin: [45, 75], fasterSeniors: false, valueUsd: [0, 0],
    weight: { base: 0.3 }, windows: 'flexible', urgentShare: 0, lowShare: 0.5,
  },
  {
    type: 'hvac-callback', label: 'Warranty callback', trade: 'hvac', skills: { hvac: 2 },
    durationMin: [30, 45], fasterSeniors: false, valueUsd: [0, 0],
    weight: { base: 0.12 }, windows: 'service', urgentShare: 0.2, lowShare: 0,
    parts: (rng) => rng.weighted<Record<string, number>>([[{ 'FLM-SENSOR': 1 }, 0.2], [{ 'CAP-35-5': 1 }, 0.15], [{}, 0.65]]),
  },
  // Maintenance-agreement members get two short seasonal visits a year, prepaid (the value is the
  // visit's share of a ~$180–220 yearly plan): the furnace one before and in winter, the AC one in summer.
  {
    type: 'furnace-maintenance-visit', label: 'Maintenance agreement visit: furnace', trade: 'hvac', skills: { hvac: 1 },
    durationMin: [30, 40], fasterSeniors: false, valueUsd: [75, 110],
    weight: { base: 0.1, heat: 1 }, windows: 'flexible', urgentShare: 0, lowShare: 0.4, parts: filter,
  },
  {
    type: 'ac-maintenance-visit', label: 'Maintenance agreement visit: AC', trade: 'hvac', skills: { hvac: 1 },
    durationMin: [30, 40], fasterSeniors: false, valueUsd: [75, 110],
    weight: { base: 0.1, cool: 1 }, windows: 'flexible', urgentShare: 0, lowShare: 0.4, parts: filter,
  },
  {
    type: 'filter-change', label: 'Filter change and thermostat check', trade: 'hvac', skills: { hvac: 1 },
    durationMin: [20, 30], fasterSeniors: false, valueUsd: [49, 89],
    weight: { base: 0.3 }, windows: 'flexible', urgentShare: 0, lowShare: 0.5, parts: newFilter,
  },
  {
    type: 'hvac-warranty-follow-up', label: 'Warranty follow-up (new system check)', trade: 'hvac', skills: { hvac: 2 },
    durationMin: [30, 30], fasterSeniors: false, valueUsd: [0, 0],
    weight: { base: 0.1 }, windows: 'flexible', urgentShare: 0.1, lowShare: 0.2,
  },
  // Plumbing
  {
    type: 'water-heater-replacement', label: 'Water heater replacement', trade: 'plumbing', skills: { plumbing: 3 },
    durationMin: [150, 240], fasterSeniors: true, valueUsd: [1800, 3200],
    weight: { base: 0.35, heat: 0.3 }, windows: 'install', urgentShare: 0.35, lowShare: 0,
    parts: (rng) => {
      const heater = rng.weighted<Record<string, number>>([
        [{ 'WH-40G-GAS': 1, 'GAS-FLEX-24': 1 }, 0.45],
        [{ 'WH-50G-GAS': 1, 'GAS-FLEX-24': 1 }, 0.35],
        [{ 'WH-50G-ELEC': 1 }, 0.2],
      ]);
      return rng.chance(0.7) ? { ...heater, 'EXP-TANK-2G': 1 } : heater;
    },
  },
  {
    type: 'water-heater-repair', label: 'No hot water: water heater repair', trade: 'plumbing', skills: { plumbing: 2 },
    durationMin: [60, 90], fasterSeniors: true, valueUsd: [180, 420],
    weight: { base: 0.35, heat: 0.25 }, windows: 'service', urgentShare: 0.3, lowShare: 0,
    parts: (rng) => rng.weighted<Record<string, number>>([[{ THERMOCPL: 1 }, 0.35], [{ 'TP-VALVE': 1 }, 0.25], [{ 'ANODE-ROD': 1 }, 0.2], [{}, 0.2]]),
  },
  {
    type: 'water-heater-flush', label: 'Water heater flush and inspection', trade: 'plumbing', skills: { plumbing: 1 },
    durationMin: [30, 45], fasterSeniors: false, valueUsd: [99, 149],
    weight: { base: 0.25 }, windows: 'flexible', urgentShare: 0, lowShare: 0.4,
  },
  {
    type: 'drain-clearing', label: 'Drain clearing (sink, tub)', trade: 'plumbing', skills: { plumbing: 1 },
    durationMin: [45, 75], fasterSeniors: false, valueUsd: [175, 325],
    weight: { base: 1.1 }, windows: 'service', urgentShare: 0.15, lowShare: 0.05,
    parts: (rng): Record<string, number> => (rng.chance(0.15) ? { 'PTRAP-15': 1 } : {}),
  },
  {
    type: 'main-line-clearing', label: 'Main sewer line clearing', trade: 'plumbing', skills: { plumbing: 2 },
    durationMin: [90, 120], fasterSeniors: true, valueUsd: [350, 650],
    weight: { base: 0.35 }, emergency: { label: 'EMERGENCY sewage backup', base: 0.4 },
    windows: 'service', urgentShare: 0.3, lowShare: 0,
  },
  {
    type: 'leak-repair', label: 'Leak repair', trade: 'plumbing', skills: { plumbing: 2 },
    durationMin: [60, 120], fasterSeniors: true, valueUsd: [250, 600],
    weight: { base: 0.7 }, emergency: { label: 'EMERGENCY active leak', base: 0.7 },
    windows: 'service', urgentShare: 0.25, lowShare: 0,
    parts: (rng) =>
      rng.weighted<Record<string, number>>([
        [{ 'PUSH-12-CPL': rng.int(1, 2) }, 0.3],
        [{ 'PUSH-34-CPL': 1, 'FIT-CU-34-CPL': rng.int(1, 3) }, 0.25],
        [{ 'FIT-PEX-12-ELB': rng.int(2, 4) }, 0.25],
        [{ 'SUPPLY-LINE-12': 1 }, 0.2],
      ]),
  },
  {
    type: 'burst-pipe-repair', label: 'Frozen or burst pipe repair', trade: 'plumbing', skills: { plumbing: 3 },
    durationMin: [90, 150], fasterSeniors: true, valueUsd: [450, 1200],
    weight: { base: 0, heat: 0.4 }, emergency: { label: 'EMERGENCY burst pipe', base: 0, heat: 1.2 },
    windows: 'service', urgentShare: 0.5, lowShare: 0,
    parts: (rng) => ({ 'PUSH-34-CPL': rng.int(1, 2), 'FIT-CU-34-CPL': rng.int(2, 4) }),
  },
  {
    type: 'toilet-repair', label: 'Toilet repair', trade: 'plumbing', skills: { plumbing: 1 },
    durationMin: [30, 60], fasterSeniors: false, valueUsd: [150, 300],
    weight: { base: 0.9 }, windows: 'service', urgentShare: 0.05, lowShare: 0.15,
    parts: (rng) =>
      rng.weighted<Record<string, number>>([
        [{ 'FLAPPER-2': 1 }, 0.35],
        [{ 'FILL-VALVE': 1, 'SUPPLY-LINE-12': 1 }, 0.3],
        [{ 'WAX-RING': 1 }, 0.25],
        [{}, 0.1],
      ]),
  },
  {
    type: 'faucet-repair', label: 'Faucet repair or replacement', trade: 'plumbing', skills: { plumbing: 1 },
    durationMin: [45, 90], fasterSeniors: false, valueUsd: [180, 450],
    weight: { base: 0.6 }, windows: 'flexible', urgentShare: 0, lowShare: 0.2,
    parts: (rng) => rng.weighted<Record<string, number>>([[{ 'CART-1HANDLE': 1 }, 0.5], [{ 'SUPPLY-LINE-12': 2 }, 0.4], [{}, 0.1]]),
  },
  {
    type: 'disposal-replacement', label: 'Garbage disposal replacement', trade: 'plumbing', skills: { plumbing: 1 },
    durationMin: [45, 75], fasterSeniors: false, valueUsd: [350, 550],
    weight: { base: 0.25 }, windows: 'flexible', urgentShare: 0, lowShare: 0.1, parts: () => ({ 'DISPOSAL-12HP': 1 }),
  },
  {
    type: 'sump-pump-replacement', label: 'Sump pump replacement', trade: 'plumbing', skills: { plumbing: 2 },
    durationMin: [90, 120], fasterSeniors: true, valueUsd: [650, 1100],
    weight: { base: 0.12 }, windows: 'service', urgentShare: 0.3, lowShare: 0, parts: () => ({ 'SUMP-PUMP-13HP': 1 }),
  },
  {
    type: 'tankless-install', label: 'Tankless water heater install', trade: 'plumbing', skills: { plumbing: 4, electrical: 1 },
    durationMin: [300, 420], fasterSeniors: true, valueUsd: [3800, 5500],
    weight: { base: 0.04 }, windows: 'install', urgentShare: 0, lowShare: 0,
    parts: () => ({ 'WH-TANKLESS-199': 1, 'GAS-FLEX-24': 1, 'REC-15A-TR': 1 }),
  },
  {
    type: 'plumbing-callback', label: 'Warranty callback', trade: 'plumbing', skills: { plumbing: 2 },
    durationMin: [30, 45], fasterSeniors: false, valueUsd: [0, 0],
    weight: { base: 0.1 }, windows: 'service', urgentShare: 0.2, lowShare: 0,
  },
  {
    type: 'faucet-cartridge', label: 'Faucet cartridge replacement', trade: 'plumbing', skills: { plumbing: 1 },
    durationMin: [30, 45], fasterSeniors: false, valueUsd: [145, 245],
    weight: { base: 0.35 }, windows: 'service', urgentShare: 0.05, lowShare: 0.2,
    // The common single-handle cartridge rides on the van; a brand-specific one is bought to match.
    parts: (rng) => rng.weighted<Record<string, number>>([[{ 'CART-1HANDLE': 1 }, 0.7], [{ 'CART-OEM': 1 }, 0.3]]),
  },
  {
    type: 'supply-line-replacement', label: 'Supply line replacement (toilet or faucet)', trade: 'plumbing', skills: { plumbing: 1 },
    durationMin: [20, 30], fasterSeniors: false, valueUsd: [95, 165],
    weight: { base: 0.25 }, windows: 'service', urgentShare: 0.2, lowShare: 0.05, parts: (rng) => ({ 'SUPPLY-LINE-12': rng.int(1, 2) }),
  },
  {
    type: 'plumbing-inspection', label: 'Annual plumbing inspection (maintenance agreement)', trade: 'plumbing', skills: { plumbing: 1 },
    durationMin: [30, 40], fasterSeniors: false, valueUsd: [75, 110],
    weight: { base: 0.3 }, windows: 'flexible', urgentShare: 0, lowShare: 0.4,
  },
  {
    type: 'plumbing-estimate', label: 'Estimate visit (repipe, water heater, sewer)', trade: 'plumbing', skills: { plumbing: 3 },
    durationMin: [30, 40], fasterSeniors: false, valueUsd: [0, 0],
    weight: { base: 0.12 }, windows: 'flexible', urgentShare: 0, lowShare: 0.4,
  },
  // Electrical
  {
    type: 'panel-upgrade', label: 'Panel upgrade (200 A)', trade: 'electrical', skills: { electrical: 4 },
    durationMin: [240, 360], fasterSeniors: true, valueUsd: [2800, 4500],
    weight: { base: 0.12 }, windows: 'install', urgentShare: 0, lowShare: 0,
    parts: (rng) => {
      const parts: Record<string, number> = { 'PANEL-200A': 1, 'BRK-20A-1P': rng.int(4, 8), 'BRK-15A-1P': rng.int(4, 6) };
      if (rng.chance(0.5)) parts['METER-BASE-200'] = 1;
      if (rng.chance(0.6)) parts['BRK-20A-AFCI'] = rng.int(1, 2);
      return parts;
    },
  },
  {
    type: 'circuit-install', label: 'New circuit and outlet install', trade: 'electrical', skills: { electrical: 2 },
    durationMin: [90, 150], fasterSeniors: true, valueUsd: [350, 750],
    weight: { base: 0.5 }, windows: 'service', urgentShare: 0, lowShare: 0.1,
    parts: (rng) => ({ 'BRK-20A-1P': 1, 'WIRE-12-2-50': 1, 'REC-15A-TR': rng.int(1, 2), 'BOX-OLDWORK': rng.int(1, 2) }),
  },
  {
    type: 'outlet-repair', label: 'Outlet or GFCI repair', trade: 'electrical', skills: { electrical: 1 },
    durationMin: [30, 60], fasterSeniors: false, valueUsd: [150, 275],
    weight: { base: 0.8 }, windows: 'service', urgentShare: 0.1, lowShare: 0.1,
    parts: (rng) => rng.weighted<Record<string, number>>([[{ 'REC-20A-GFCI': rng.int(1, 2) }, 0.55], [{ 'REC-15A-TR': rng.int(1, 3) }, 0.35], [{ 'SW-SP': 1 }, 0.1]]),
  },
  {
    type: 'electrical-troubleshooting', label: 'Electrical troubleshooting (partial power loss)', trade: 'electrical', skills: { electrical: 3 },
    durationMin: [60, 120], fasterSeniors: true, valueUsd: [200, 550],
    weight: { base: 0.5 }, emergency: { label: 'EMERGENCY power loss / burning smell', base: 0.5 },
    windows: 'service', urgentShare: 0.3, lowShare: 0,
    parts: (rng) => rng.weighted<Record<string, number>>([[{ 'BRK-20A-1P': 1 }, 0.2], [{ 'BRK-15A-1P': 1 }, 0.15], [{ 'REC-15A-TR': 2 }, 0.15], [{}, 0.5]]),
  },
  {
    type: 'ceiling-fan-install', label: 'Ceiling fan install (customer-supplied fan)', trade: 'electrical', skills: { electrical: 2 },
    durationMin: [60, 90], fasterSeniors: true, valueUsd: [200, 400],
    weight: { base: 0.35, cool: 0.2 }, windows: 'flexible', urgentShare: 0, lowShare: 0.25, parts: () => ({ 'FAN-BOX': 1 }),
  },
  {
    type: 'ev-charger-install', label: 'EV charger install (48 A)', trade: 'electrical', skills: { electrical: 3 },
    durationMin: [180, 240], fasterSeniors: true, valueUsd: [1200, 2200],
    weight: { base: 0.15 }, windows: 'install', urgentShare: 0, lowShare: 0, parts: () => ({ 'BRK-60A-2P': 1, 'WIRE-6-3-50': 1 }),
  },
  {
    type: 'smoke-alarm-install', label: 'Smoke / CO alarm install', trade: 'electrical', skills: { electrical: 1 },
    durationMin: [45, 75], fasterSeniors: false, valueUsd: [150, 350],
    weight: { base: 0.3 }, windows: 'flexible', urgentShare: 0, lowShare: 0.3, parts: (rng) => ({ 'SMOKE-CO': rng.int(2, 4) }),
  },
  {
    type: 'surge-protector-install', label: 'Whole-home surge protector install', trade: 'electrical', skills: { electrical: 2 },
    durationMin: [45, 75], fasterSeniors: false, valueUsd: [450, 650],
    weight: { base: 0.15 }, windows: 'flexible', urgentShare: 0, lowShare: 0.3, parts: () => ({ 'SURGE-WH': 1, 'BRK-20A-2P': 1 }),
  },
  {
    type: 'inspection-meet', label: 'City inspection meet', trade: 'electrical', skills: { electrical: 2 },
    durationMin: [30, 45], fasterSeniors: false, valueUsd: [0, 0],
    weight: { base: 0.1 }, windows: 'service', urgentShare: 0, lowShare: 0,
  },
  {
    type: 'gfci-replacement', label: 'GFCI outlet replacement', trade: 'electrical', skills: { electrical: 1 },
    durationMin: [25, 35], fasterSeniors: false, valueUsd: [145, 225],
    weight: { base: 0.4 }, windows: 'service', urgentShare: 0.15, lowShare: 0.1, parts: () => ({ 'REC-20A-GFCI': 1 }),
  },
  {
    type: 'switch-replacement', label: 'Switch replacement', trade: 'electrical', skills: { electrical: 1 },
    durationMin: [20, 30], fasterSeniors: false, valueUsd: [110, 175],
    weight: { base: 0.25 }, windows: 'flexible', urgentShare: 0.05, lowShare: 0.2, parts: (rng) => ({ 'SW-SP': rng.int(1, 2) }),
  },
  {
    type: 'electrical-safety-inspection', label: 'Electrical safety inspection (home sale or insurance)', trade: 'electrical', skills: { electrical: 2 },
    durationMin: [30, 30], fasterSeniors: false, valueUsd: [99, 175],
    weight: { base: 0.2 }, windows: 'flexible', urgentShare: 0.15, lowShare: 0.2,
  },
  {
    type: 'electrical-estimate', label: 'Estimate visit (panel, EV charger, rewire)', trade: 'electrical', skills: { electrical: 3 },
    durationMin: [30, 40], fasterSeniors: false, valueUsd: [0, 0],
    weight: { base: 0.15 }, windows: 'flexible', urgentShare: 0, lowShare: 0.4,
  },
];

/** A season weight at the given heating and cooling demand (each 0..1). */
export function seasonWeight(w: SeasonWeight, heat: number, cool: number): number {
  return w.base + (w.heat ?? 0) * heat + (w.cool ?? 0) * cool;
}
