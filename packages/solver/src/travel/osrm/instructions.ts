// Plain-language driving instructions from OSRM steps, through osrm-text-instructions. The package
// is loaded on first use with createRequire, so processes that never ask for directions (solver
// workers) never load it; its console.log for unknown maneuver types is routed to our warnings.
import { createRequire } from 'node:module';
import type OsrmTextInstructionsFactory from 'osrm-text-instructions';

type Oti = ReturnType<typeof OsrmTextInstructionsFactory>;

let oti: { compile: Oti['compile']; languages: readonly string[] } | undefined;

function load(): NonNullable<typeof oti> {
  if (!oti) {
    const require = createRequire(import.meta.url);
    const factory = require('osrm-text-instructions') as typeof OsrmTextInstructionsFactory;
    const { supportedCodes } = require('osrm-text-instructions/languages') as typeof import('osrm-text-instructions/languages');
    const v5 = factory('v5');
    oti = { compile: v5.compile.bind(v5), languages: supportedCodes };
  }
  return oti;
}

/** Language codes osrm-text-instructions can phrase (`en`, `de`, `fr`, … 31 of them). Loads the package. */
export function instructionLanguages(): readonly string[] {
  return load().languages;
}

/** The subset of an OSRM route step read here; the whole step is passed through to the compiler. */
export interface OsrmStep {
  name?: string | undefined;
  ref?: string | undefined;
  maneuver: { type: string; modifier?: string | undefined };
}

export interface InstructionOptions {
  language: string;
  legIndex: number;
  legCount: number;
  /** Replaces "your 1st destination" in the arrival sentence. */
  waypointName?: string | undefined;
  onWarning: (message: string) => void;
}

/** Words that stand in when the compiler cannot phrase a step (English; never thrown). */
function fallback(step: OsrmStep, waypointName: string | undefined): string {
  const road = step.name || step.ref || '';
  switch (step.maneuver.type) {
    case 'arrive':
      return waypointName ? `You have arrived at ${waypointName}` : 'You have arrived';
    case 'depart':
      return road ? `Head out on ${road}` : 'Head out';
    default:
      return road ? `Continue on ${road}` : 'Continue';
  }
}

/**
 * One step as a sentence, e.g. "Turn right onto CG-2" or "You have arrived at job J-12". Never
 * throws: what the compiler cannot phrase gets a plain sentence and a warning.
 */
export function compileInstruction(step: OsrmStep, options: InstructionOptions): string {
  const { compile } = load();
  const { language, legIndex, legCount, waypointName, onWarning } = options;
  // The compiler logs unknown maneuver types with console.log (then treats them as `turn`, as the
  // OSRM spec asks). compile() is synchronous, so swapping console.log around it is safe.
  const log = console.log;
  console.log = (...args: unknown[]) => onWarning(`osrm-text-instructions: ${args.map(String).join(' ')}`);
  try {
    return compile(language, step, { legIndex, legCount, ...(waypointName ? { waypointName } : {}) });
  } catch (e) {
    onWarning(`osrm-text-instructions could not phrase a "${step.maneuver.type}" step (${e instanceof Error ? e.message : String(e)}); using a plain sentence`);
    return fallback(step, waypointName);
  } finally {
    console.log = log;
  }
}
