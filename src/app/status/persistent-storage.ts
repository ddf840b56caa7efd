/** Without this, the browser may evict IndexedDB under storage pressure — and unsynced records with it. */
export async function askPersistentStorage(): Promise<void> {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted()))
      await navigator.storage.persist();
  } catch {
    // Not granted or not supported: nothing else to do; the storage panel shows usage.
  }
}
