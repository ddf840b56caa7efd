import type { AgreementPaper, PaperParty } from '../../domain/agreement-paper';
import { label, t } from '../i18n/i18n';
import { paperDay, SignatureBox } from './paper-parts';

/** A party's basic information on one line each (第29条: 当事人的基本情况), only what the case has. */
function PartyBlock({ party }: { party: PaperParty }) {
  const facts: [string, string | undefined][] = [
    [t('print.gender'), party.gender && label('gender', party.gender)],
    [t('print.age'), party.age === undefined ? undefined : String(party.age)],
    [t('print.occupation'), party.occupation],
    [t('print.idNo'), party.idNo],
    [t('print.address'), party.address],
    [t('print.phone'), party.phone],
  ];
  return (
    <div class="paper__party" data-party={party.id}>
      <p class="paper__party-name">
        {t('print.partyLine', { role: label('partyRole', party.role), name: party.name })}
      </p>
      <p class="paper__party-facts">
        {facts
          .filter((fact): fact is [string, string] => fact[1] !== undefined)
          .map(([name, value]) => (
            <span key={name}>
              {name}：{value}
            </span>
          ))}
      </p>
    </div>
  );
}

/** The 人民调解协议书 (人民调解法 第29条) as one A4 sheet, on screen and on paper. */
export function AgreementSheet({ paper }: { paper: AgreementPaper }) {
  const performance = [
    paper.performanceMethod && t('print.performanceMethod', { v: paper.performanceMethod }),
    paper.performancePlace && t('print.performancePlace', { v: paper.performancePlace }),
    paper.performanceDeadline && t('print.performanceDeadline', { v: paperDay(paper.performanceDeadline) }),
  ].filter((line): line is string => Boolean(line));
  return (
    <article class="paper" aria-label={t('print.agreementTitle')}>
      <h1 class="paper__title">{t('print.agreementTitle')}</h1>
      {paper.number && <p class="paper__number">{t('print.number', { n: paper.number })}</p>}
      <section class="paper__section">
        <h2 class="paper__heading">{t('print.parties')}</h2>
        {paper.parties.map((party) => (
          <PartyBlock key={party.id} party={party} />
        ))}
      </section>
      <section class="paper__section">
        <h2 class="paper__heading">{t('print.facts')}</h2>
        <p class="paper__text">{paper.facts}</p>
      </section>
      <section class="paper__section">
        <h2 class="paper__heading">{t('print.terms')}</h2>
        <p class="paper__text">{paper.terms}</p>
        {paper.amountYuan !== undefined && <p>{t('print.amount', { n: paper.amountYuan })}</p>}
      </section>
      {performance.length > 0 && (
        <section class="paper__section">
          <h2 class="paper__heading">{t('print.performance')}</h2>
          {performance.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </section>
      )}
      <p class="paper__clause">{t('print.agreementClause', { n: paper.copies })}</p>
      <section class="paper__signatures">
        {paper.signatures.map((box) => (
          <SignatureBox
            key={box.id}
            caption={box.side === 'party' ? t('print.partySignature') : t('print.mediatorSignature')}
            name={
              box.partyRole
                ? t('print.partyLine', { role: label('partyRole', box.partyRole), name: box.name })
                : box.name
            }
            photoId={box.photoId}
            signedDay={box.signedDay}
          />
        ))}
      </section>
      <p class="paper__committee">
        {paper.committee ? t('print.committeeSeal', { name: paper.committee }) : t('print.committee')}
      </p>
      <p class="paper__date">{paperDay(paper.day)}</p>
    </article>
  );
}
