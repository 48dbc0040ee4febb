/** Who decides requests: the configured DPOs, an optional deputy for escalations, and the DPO channel. */
export interface DpoRoster {
  /** Lower-case mail/UPN of each DPO. */
  dpos: readonly string[];
  deputy?: string;
  /** Whether a DPO channel is configured. */
  channel: boolean;
}

export const isDpo = (roster: DpoRoster, id: string): boolean => roster.dpos.includes(id.toLowerCase()) || roster.deputy === id.toLowerCase();
