// Types for the part of javascript-lp-solver the staffing LP uses. The package's own declarations
// describe its CommonJS build, whose default export differs from the ESM build's (the solver
// itself), which is what `import solver from 'javascript-lp-solver'` loads here.
declare module 'javascript-lp-solver' {
  export interface LpModel {
    optimize: string;
    opType: 'max' | 'min';
    constraints: Record<string, { min?: number; max?: number; equal?: number }>;
    variables: Record<string, Record<string, number>>;
    ints?: Record<string, 1>;
  }
  /** `feasible`, the objective as `result`, `bounded`, and each nonzero variable by name. */
  export type LpResult = { feasible: boolean; result: number; bounded?: boolean } & Record<string, number | boolean | undefined>;
  const solver: { Solve(model: LpModel): LpResult };
  export default solver;
}
