import { useState } from 'preact/hooks';
import type { AgreementPaper, SignatureBox } from '../../domain/agreement-paper';
import { signAgreement } from '../../domain/dispute-signatures';
import type { DisputeRecord } from '../../domain/record-envelope';
import { SIGNATURE_MIME_TYPE } from '../../domain/signature';
import { photoDraft } from '../../sync/photo-store';
import { label, t } from '../i18n/i18n';
import { saveStep } from '../workflow/save-step';
import { SignaturePad } from './signature-pad';

interface SignersPanelProps {
  record: DisputeRecord;
  paper: AgreementPaper;
}

/** 现场签名: each party and mediator in turn, 签名 opening the pad; the signature is kept like a photo. */
export function SignersPanel({ record, paper }: SignersPanelProps) {
  const [signing, setSigning] = useState<SignatureBox | undefined>(undefined);

  const keep = async (signer: SignatureBox, png: ArrayBuffer) => {
    const draft = await photoDraft(png, SIGNATURE_MIME_TYPE);
    const error = await saveStep(
      record,
      (body, actor) => {
        const signed = signAgreement(
          body,
          { signer: signer.id, photoId: draft.sha256, signedAt: actor.now.toISOString() },
          actor.newId,
        );
        return signed.ok ? signed : { ok: false, message: t(`print.refusal.${signed.reason}`) };
      },
      [{ sha256: draft.sha256, draft }],
    );
    if (error !== undefined) throw new Error(error);
    setSigning(undefined);
  };

  return (
    <section class="signers no-print" aria-label={t('print.signersTitle')}>
      <h2 class="section-title">{t('print.signersTitle')}</h2>
      <p class="signers__hint">{t('print.signersHint')}</p>
      <ul class="signers__list">
        {paper.signatures.map((box) => (
          <li key={box.id} class="signers__row" data-signer={box.id}>
            <span class="signers__who">
              <span class="signers__role">
                {box.partyRole ? label('partyRole', box.partyRole) : t('print.mediator')}
              </span>
              <span class="signers__name">{box.name}</span>
            </span>
            <span class={box.photoId ? 'signers__state signers__state--done' : 'signers__state'}>
              {box.photoId ? t('print.signed') : t('print.unsigned')}
            </span>
            <button
              type="button"
              class="button button--secondary signers__sign"
              onClick={() => setSigning(box)}
            >
              {box.photoId ? t('print.signAgain') : t('print.sign')}
            </button>
          </li>
        ))}
      </ul>
      {signing && (
        <SignaturePad
          signerName={signing.name}
          onConfirm={(png) => keep(signing, png)}
          onCancel={() => setSigning(undefined)}
        />
      )}
    </section>
  );
}
