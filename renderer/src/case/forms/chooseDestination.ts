import type { CustodiaApi } from '../../../../shared/contract.ts';
import type { ChosenDestination } from '../../../../shared/destinations.ts';

/**
 * Where a plaintext copy goes. The one place to put the folder picker: until the picker screen is
 * in the app, this takes the folder browser's first root (the home folder), which the engine has
 * checked (not a vault, not a network share); the user sees the path before anything is written.
 */
export async function chooseDestination(api: CustodiaApi): Promise<ChosenDestination | null> {
  const listing = await api['destinations.browse']({});
  if (!listing.ok) return null;
  const chosen = await api['destinations.choose']({ at: listing.value.roots[0]?.handle ?? listing.value.at });
  return chosen.ok ? chosen.value : null;
}
