// jstat ships no types and there is no @types package; only what server/shared/statistics.ts uses.
declare module 'jstat' {
  interface JStat {
    studentt: {
      /** Quantile: the t with cdf(t, dof) = p. */
      inv(p: number, dof: number): number;
      cdf(x: number, dof: number): number;
    };
    normal: {
      /** Quantile of N(mean, sd²). */
      inv(p: number, mean: number, sd: number): number;
      cdf(x: number, mean: number, sd: number): number;
    };
  }
  const jStat: JStat;
  export default jStat;
}
