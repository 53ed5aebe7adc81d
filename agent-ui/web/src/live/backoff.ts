/**
 * Delay before reconnect attempt `attempt` (0-based): exponential from half a second up to 15 s,
 * with jitter so a hub restart is not met by every desktop at the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + random() * 0.5));
}
