import { useEffect, useRef, useState } from 'preact/hooks';
import { queueReveal } from '../../sync/reveal-queue';
import { requestSync } from '../status/page-scheduler';
import { currentDb } from '../status/session';

export type PrintAudit = { state: 'pending' } | { state: 'recorded' } | { state: 'failed'; message: string };

/**
 * Opening a printed paper reads personal data in full, so it is an audited reveal (DOMAIN.md §6.2
 * item 5) like a 显示 tap: one queued entry per value printed, reason `printPaper`, offline or not,
 * written before the paper shows and sent with the next sync. Once per opening of the page: a
 * signature saved while it is open shows nothing new.
 */
export function usePrintAudit(recordId: string, fields: readonly string[] | undefined): PrintAudit {
  const [audit, setAudit] = useState<PrintAudit>({ state: 'pending' });
  const queued = useRef(false);
  useEffect(() => {
    const db = currentDb.value;
    if (!db || !fields || queued.current) return;
    queued.current = true;
    const context = { now: new Date(), online: navigator.onLine };
    void (async () => {
      try {
        for (const field of fields) await queueReveal(db, { recordId, field, reason: 'printPaper' }, context);
        setAudit({ state: 'recorded' });
        requestSync('save');
      } catch (error) {
        setAudit({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  }, [recordId, fields]);
  return audit;
}
