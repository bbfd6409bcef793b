// Types for osrm-text-instructions 0.15.0 (CommonJS, ships none): only the parts Truckroll calls.
// Load it lazily (see instructions.ts); its require costs ~28 ms and ~8 MB for 31 languages.
declare module 'osrm-text-instructions' {
  interface CompileOptions {
    legIndex?: number;
    legCount?: number;
    waypointName?: string;
    classes?: string[];
  }
  interface OsrmTextInstructions {
    /** Throws on an unloaded language, a missing maneuver, or a missing modifier (except depart/arrive). */
    compile(language: string, step: object, options?: CompileOptions): string;
  }
  function osrmTextInstructions(version: 'v5'): OsrmTextInstructions;
  export = osrmTextInstructions;
}

declare module 'osrm-text-instructions/languages' {
  export const supportedCodes: string[];
}
