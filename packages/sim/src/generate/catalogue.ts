// The parts catalogue of a residential HVAC / plumbing / electrical shop and the van kits.
// Invariant: every SKU a van kit, a job type or a supply house can name is in PARTS (the tests check
// it); `where: 'counter'` parts never ride on vans, so a job needing one must stop at a supply house.
import type { Part } from '@truckroll/solver';

export type Trade = 'hvac' | 'plumbing' | 'electrical';
export const TRADES: readonly Trade[] = ['hvac', 'plumbing', 'electrical'];

export interface CataloguePart {
  sku: string;
  name: string;
  /** What the shop pays, USD. */
  unitCostUsd: number;
  trade: Trade;
  /** `van`: common stock carried on trucks; `counter`: bought at a supply house for the job. */
  where: 'van' | 'counter';
  /** Water heaters, condensers, furnaces, panels: the big items only a supply house stocks in number. */
  big?: boolean;
}

export const PARTS: readonly CataloguePart[] = [
  // HVAC: van stock
  { sku: 'CAP-35-5', name: 'Dual run capacitor 35/5 µF 440 V', unitCostUsd: 18, trade: 'hvac', where: 'van' },
  { sku: 'CAP-45-5', name: 'Dual run capacitor 45/5 µF 440 V', unitCostUsd: 20, trade: 'hvac', where: 'van' },
  { sku: 'CAP-10', name: 'Run capacitor 10 µF 370 V (fan motor)', unitCostUsd: 9, trade: 'hvac', where: 'van' },
  { sku: 'CONT-1P-30A', name: 'Contactor 1-pole 30 A, 24 V coil', unitCostUsd: 22, trade: 'hvac', where: 'van' },
  { sku: 'CONT-2P-40A', name: 'Contactor 2-pole 40 A, 24 V coil', unitCostUsd: 28, trade: 'hvac', where: 'van' },
  { sku: 'FLT-16X25X1', name: 'Pleated filter 16×25×1 MERV 8', unitCostUsd: 6, trade: 'hvac', where: 'van' },
  { sku: 'FLT-20X25X1', name: 'Pleated filter 20×25×1 MERV 8', unitCostUsd: 7, trade: 'hvac', where: 'van' },
  { sku: 'FLT-16X25X4', name: 'Media filter 16×25×4 MERV 11', unitCostUsd: 28, trade: 'hvac', where: 'van' },
  { sku: 'IGN-HSI', name: 'Hot surface igniter, universal', unitCostUsd: 35, trade: 'hvac', where: 'van' },
  { sku: 'FLM-SENSOR', name: 'Flame sensor', unitCostUsd: 14, trade: 'hvac', where: 'van' },
  { sku: 'PRESS-SW', name: 'Inducer pressure switch', unitCostUsd: 38, trade: 'hvac', where: 'van' },
  { sku: 'FUSE-3A', name: 'Blade fuse 3 A (control board)', unitCostUsd: 1, trade: 'hvac', where: 'van' },
  { sku: 'TSTAT-PROG', name: 'Programmable Wi-Fi thermostat', unitCostUsd: 95, trade: 'hvac', where: 'van' },
  { sku: 'REF-R410A-LB', name: 'Refrigerant R-410A, 1 lb', unitCostUsd: 25, trade: 'hvac', where: 'van' },
  // HVAC: counter items
  { sku: 'COND-FAN-MTR', name: 'Condenser fan motor 1/4 hp', unitCostUsd: 120, trade: 'hvac', where: 'counter' },
  { sku: 'BLOWER-MTR-ECM', name: 'ECM blower motor 1/2 hp', unitCostUsd: 450, trade: 'hvac', where: 'counter' },
  { sku: 'INDUCER-MTR', name: 'Inducer motor assembly', unitCostUsd: 260, trade: 'hvac', where: 'counter' },
  { sku: 'CTRL-BOARD', name: 'Furnace control board, universal', unitCostUsd: 180, trade: 'hvac', where: 'counter' },
  { sku: 'FURN-80K-96', name: 'Gas furnace 80,000 BTU 96% AFUE', unitCostUsd: 2400, trade: 'hvac', where: 'counter', big: true },
  { sku: 'COND-3T-16S', name: 'Condenser 3 ton 16 SEER2', unitCostUsd: 3200, trade: 'hvac', where: 'counter', big: true },
  { sku: 'COIL-3T', name: 'Evaporator coil 3 ton, cased', unitCostUsd: 900, trade: 'hvac', where: 'counter', big: true },
  // Plumbing: van stock
  { sku: 'FIT-PEX-12-ELB', name: 'PEX elbow 1/2"', unitCostUsd: 2, trade: 'plumbing', where: 'van' },
  { sku: 'FIT-CU-34-CPL', name: 'Copper coupling 3/4"', unitCostUsd: 3, trade: 'plumbing', where: 'van' },
  { sku: 'PUSH-12-CPL', name: 'Push-to-connect coupling 1/2"', unitCostUsd: 9, trade: 'plumbing', where: 'van' },
  { sku: 'PUSH-34-CPL', name: 'Push-to-connect coupling 3/4"', unitCostUsd: 14, trade: 'plumbing', where: 'van' },
  { sku: 'FLAPPER-2', name: 'Toilet flapper 2"', unitCostUsd: 7, trade: 'plumbing', where: 'van' },
  { sku: 'FILL-VALVE', name: 'Toilet fill valve', unitCostUsd: 12, trade: 'plumbing', where: 'van' },
  { sku: 'WAX-RING', name: 'Wax ring with closet bolts', unitCostUsd: 6, trade: 'plumbing', where: 'van' },
  { sku: 'SUPPLY-LINE-12', name: 'Braided supply line 12"', unitCostUsd: 8, trade: 'plumbing', where: 'van' },
  { sku: 'CART-1HANDLE', name: 'Single-handle faucet cartridge', unitCostUsd: 28, trade: 'plumbing', where: 'van' },
  { sku: 'PTRAP-15', name: 'P-trap kit 1-1/2"', unitCostUsd: 12, trade: 'plumbing', where: 'van' },
  { sku: 'TP-VALVE', name: 'Temperature & pressure relief valve 3/4"', unitCostUsd: 22, trade: 'plumbing', where: 'van' },
  { sku: 'ANODE-ROD', name: 'Magnesium anode rod', unitCostUsd: 35, trade: 'plumbing', where: 'van' },
  { sku: 'THERMOCPL', name: 'Thermocouple 24"', unitCostUsd: 12, trade: 'plumbing', where: 'van' },
  { sku: 'GAS-FLEX-24', name: 'Gas appliance connector 1/2" × 24"', unitCostUsd: 18, trade: 'plumbing', where: 'van' },
  { sku: 'DISPOSAL-12HP', name: 'Garbage disposal 1/2 hp', unitCostUsd: 140, trade: 'plumbing', where: 'van' },
  // Plumbing: counter items
  { sku: 'CART-OEM', name: 'Faucet cartridge, brand-specific (matched to the fixture)', unitCostUsd: 45, trade: 'plumbing', where: 'counter' },
  { sku: 'EXP-TANK-2G', name: 'Thermal expansion tank 2 gal', unitCostUsd: 45, trade: 'plumbing', where: 'counter' },
  { sku: 'SUMP-PUMP-13HP', name: 'Sump pump 1/3 hp', unitCostUsd: 180, trade: 'plumbing', where: 'counter' },
  { sku: 'WH-40G-GAS', name: 'Water heater 40 gal gas', unitCostUsd: 950, trade: 'plumbing', where: 'counter', big: true },
  { sku: 'WH-50G-GAS', name: 'Water heater 50 gal gas', unitCostUsd: 1100, trade: 'plumbing', where: 'counter', big: true },
  { sku: 'WH-50G-ELEC', name: 'Water heater 50 gal electric', unitCostUsd: 800, trade: 'plumbing', where: 'counter', big: true },
  { sku: 'WH-TANKLESS-199', name: 'Tankless water heater 199,000 BTU', unitCostUsd: 1900, trade: 'plumbing', where: 'counter', big: true },
  // Electrical: van stock
  { sku: 'BRK-15A-1P', name: 'Breaker 15 A 1-pole', unitCostUsd: 12, trade: 'electrical', where: 'van' },
  { sku: 'BRK-20A-1P', name: 'Breaker 20 A 1-pole', unitCostUsd: 12, trade: 'electrical', where: 'van' },
  { sku: 'BRK-20A-AFCI', name: 'Breaker 20 A AFCI/GFCI dual function', unitCostUsd: 48, trade: 'electrical', where: 'van' },
  { sku: 'BRK-20A-2P', name: 'Breaker 20 A 2-pole', unitCostUsd: 22, trade: 'electrical', where: 'van' },
  { sku: 'BRK-60A-2P', name: 'Breaker 60 A 2-pole', unitCostUsd: 38, trade: 'electrical', where: 'van' },
  { sku: 'REC-15A-TR', name: 'Receptacle 15 A tamper-resistant', unitCostUsd: 3, trade: 'electrical', where: 'van' },
  { sku: 'REC-20A-GFCI', name: 'GFCI receptacle 20 A', unitCostUsd: 24, trade: 'electrical', where: 'van' },
  { sku: 'SW-SP', name: 'Switch, single-pole', unitCostUsd: 3, trade: 'electrical', where: 'van' },
  { sku: 'WIRE-12-2-50', name: 'NM-B cable 12/2, 50 ft', unitCostUsd: 60, trade: 'electrical', where: 'van' },
  { sku: 'WIRE-14-2-50', name: 'NM-B cable 14/2, 50 ft', unitCostUsd: 45, trade: 'electrical', where: 'van' },
  { sku: 'BOX-OLDWORK', name: 'Old-work box, 1-gang', unitCostUsd: 2, trade: 'electrical', where: 'van' },
  { sku: 'FAN-BOX', name: 'Fan-rated ceiling box with brace', unitCostUsd: 15, trade: 'electrical', where: 'van' },
  { sku: 'SMOKE-CO', name: 'Smoke / CO combination alarm', unitCostUsd: 45, trade: 'electrical', where: 'van' },
  // Electrical: counter items
  { sku: 'WIRE-6-3-50', name: 'NM-B cable 6/3, 50 ft', unitCostUsd: 260, trade: 'electrical', where: 'counter' },
  { sku: 'SURGE-WH', name: 'Whole-home surge protector', unitCostUsd: 180, trade: 'electrical', where: 'counter' },
  { sku: 'METER-BASE-200', name: 'Meter base 200 A', unitCostUsd: 160, trade: 'electrical', where: 'counter', big: true },
  { sku: 'PANEL-200A', name: 'Load center 200 A, 40 spaces', unitCostUsd: 350, trade: 'electrical', where: 'counter', big: true },
];

export const PART_BY_SKU: ReadonlyMap<string, CataloguePart> = new Map(PARTS.map((p) => [p.sku, p]));

/** The catalogue on the wire (`problem.parts`). */
export function partsCatalogue(): Part[] {
  return PARTS.map((p) => ({ sku: p.sku, name: p.name, unitCost: p.unitCostUsd }));
}

/** One line of a van kit: carried with probability `p`, in a quantity drawn from [min, max]. */
export interface KitLine {
  sku: string;
  qty: readonly [number, number];
  p: number;
}

/** What a technician of each trade usually carries (a partly stocked van leaves some lines out). */
export const VAN_KITS: Record<Trade, readonly KitLine[]> = {
  hvac: [
    { sku: 'CAP-35-5', qty: [2, 4], p: 0.95 },
    { sku: 'CAP-45-5', qty: [1, 3], p: 0.9 },
    { sku: 'CAP-10', qty: [1, 3], p: 0.8 },
    { sku: 'CONT-1P-30A', qty: [1, 3], p: 0.9 },
    { sku: 'CONT-2P-40A', qty: [1, 2], p: 0.7 },
    { sku: 'FLT-16X25X1', qty: [4, 10], p: 0.95 },
    { sku: 'FLT-20X25X1', qty: [4, 10], p: 0.9 },
    { sku: 'FLT-16X25X4', qty: [1, 3], p: 0.6 },
    { sku: 'IGN-HSI', qty: [1, 3], p: 0.85 },
    { sku: 'FLM-SENSOR', qty: [1, 3], p: 0.9 },
    { sku: 'PRESS-SW', qty: [1, 2], p: 0.6 },
    { sku: 'FUSE-3A', qty: [5, 10], p: 0.95 },
    { sku: 'TSTAT-PROG', qty: [1, 2], p: 0.7 },
    { sku: 'REF-R410A-LB', qty: [4, 10], p: 0.8 },
  ],
  plumbing: [
    { sku: 'FIT-PEX-12-ELB', qty: [6, 12], p: 0.95 },
    { sku: 'FIT-CU-34-CPL', qty: [4, 10], p: 0.9 },
    { sku: 'PUSH-12-CPL', qty: [2, 6], p: 0.9 },
    { sku: 'PUSH-34-CPL', qty: [2, 4], p: 0.85 },
    { sku: 'FLAPPER-2', qty: [2, 4], p: 0.9 },
    { sku: 'FILL-VALVE', qty: [1, 3], p: 0.9 },
    { sku: 'WAX-RING', qty: [2, 4], p: 0.9 },
    { sku: 'SUPPLY-LINE-12', qty: [2, 6], p: 0.9 },
    { sku: 'CART-1HANDLE', qty: [1, 2], p: 0.7 },
    { sku: 'PTRAP-15', qty: [1, 3], p: 0.85 },
    { sku: 'TP-VALVE', qty: [1, 2], p: 0.8 },
    { sku: 'ANODE-ROD', qty: [1, 2], p: 0.6 },
    { sku: 'THERMOCPL', qty: [1, 3], p: 0.8 },
    { sku: 'GAS-FLEX-24', qty: [1, 3], p: 0.85 },
    { sku: 'DISPOSAL-12HP', qty: [1, 1], p: 0.4 },
  ],
  electrical: [
    { sku: 'BRK-15A-1P', qty: [3, 6], p: 0.95 },
    { sku: 'BRK-20A-1P', qty: [3, 6], p: 0.95 },
    { sku: 'BRK-20A-AFCI', qty: [1, 3], p: 0.8 },
    { sku: 'BRK-20A-2P', qty: [1, 2], p: 0.7 },
    { sku: 'BRK-60A-2P', qty: [1, 1], p: 0.4 },
    { sku: 'REC-15A-TR', qty: [6, 12], p: 0.95 },
    { sku: 'REC-20A-GFCI', qty: [2, 4], p: 0.9 },
    { sku: 'SW-SP', qty: [4, 8], p: 0.9 },
    { sku: 'WIRE-12-2-50', qty: [1, 2], p: 0.85 },
    { sku: 'WIRE-14-2-50', qty: [1, 2], p: 0.7 },
    { sku: 'BOX-OLDWORK', qty: [4, 8], p: 0.9 },
    { sku: 'FAN-BOX', qty: [1, 2], p: 0.6 },
    { sku: 'SMOKE-CO', qty: [2, 4], p: 0.6 },
  ],
};
