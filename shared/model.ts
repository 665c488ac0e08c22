/** Plain data shapes shared by the engine, the IPC contract and the renderer. */
export interface CaseSummary {
  id: string;
  title: string;
  reference: string | null;
  createdAt: string;
  itemCount: number;
}

export interface ItemSummary {
  id: string;
  caseId: string;
  originalName: string;
  size: number;
  sha256: string;
  mimeType: string;
  importedAt: string;
}

export interface CaseDetail extends CaseSummary {
  items: ItemSummary[];
}

export type VaultState = 'missing' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Folder shown to the user so they know where their archive lives. */
  folder: string;
}
