/**
 * The IndexedDB database of 应急 mode (deferrals waiting to be sent, finished 补查, the sealing key,
 * the kept policy). Its name lives here, apart from the vault, so the entry can ask whether it
 * exists without loading the vault (and `idb`): the 应急 chunk is fetched only when needed.
 */
export const DEFERRAL_DB = 'credit-check';

let stored = false;

/**
 * Was anything ever deferred in this browser? Then 补查 may be waiting to be sent or shown, even by an
 * element that now holds during outages. Asked without opening (creating) the database; a yes is
 * remembered for the page, a no is asked again by the next element (a deferral may come meanwhile).
 */
export async function deferralsStored(): Promise<boolean> {
  if (!stored) {
    try {
      stored = (await indexedDB.databases()).some((d) => d.name === DEFERRAL_DB);
    } catch {
      // No IndexedDB here: nothing can have been kept.
    }
  }
  return stored;
}
