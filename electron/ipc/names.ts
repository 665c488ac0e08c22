import type { Channel } from '../../shared/contract.ts';

/** The IPC prefix shared by main and preload: channel `vault.status` travels as `custodia:vault.status`. */
export const IPC_PREFIX = 'custodia:';

export const ipcName = (channel: Channel): string => `${IPC_PREFIX}${channel}`;

/** The desktop shell's channels (native dialogs, file manager): `custodia-shell:chooseFolder`. */
export const SHELL_IPC_PREFIX = 'custodia-shell:';
