export type JitterMode = "full" | "equal";

export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxDelayMs: number;
  jitter: JitterMode;
}

/**
 * Delay before the retry that follows failed attempt `failedAttempt` (1-based):
 *   ceiling = min(maxDelayMs, baseMs * factor^(failedAttempt - 1))
 *   full:  round(random * ceiling)                      -> [0, ceiling]
 *   equal: round(ceiling / 2 + random * ceiling / 2)    -> [ceiling / 2, ceiling]
 * Advancing a clock by `ceiling` therefore always makes the retry due, whatever the jitter drew.
 */
export function backoffDelay(policy: BackoffPolicy, failedAttempt: number, random: () => number): number {
  const ceiling = backoffCeiling(policy, failedAttempt);
  const r = random();
  if (policy.jitter === "full") return Math.round(r * ceiling);
  const half = ceiling / 2;
  return Math.round(half + r * half);
}

export function backoffCeiling(policy: BackoffPolicy, failedAttempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseMs * policy.factor ** (failedAttempt - 1));
}
