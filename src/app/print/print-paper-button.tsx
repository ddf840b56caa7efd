import { t } from '../i18n/i18n';

type PaperName = 'agreement' | 'notice';

const LABELS = { agreement: 'print.printAgreement', notice: 'print.printNotice' } as const;

/** The detail screen's way to a record's printed paper (screens/print-screen.tsx). */
export function PrintPaperButton({ recordId, paper }: { recordId: string; paper: PaperName }) {
  return (
    <a class="button button--secondary button--block" href={`/records/${recordId}/print/${paper}`}>
      {t(LABELS[paper])}
    </a>
  );
}
