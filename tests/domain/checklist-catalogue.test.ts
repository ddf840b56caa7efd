import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_CATALOGUE,
  CHECKLIST_SECTIONS,
  type ChecklistEntryFacts,
  hazardsFromChecklist,
  meetsGroupRentalThreshold,
  SECTION_LETTERS,
} from '../../src/domain/checklist-catalogue';
import { CHECKLIST_ITEM_CODES } from '../../src/domain/rental-inspection';
import { DEFAULT_STREET_THRESHOLDS, streetThresholds } from '../../src/domain/street-thresholds';

const DEFAULTS = streetThresholds();
const SMALL_HOUSE = { roomCount: 3, occupantCount: 4 };

function draftFor(entry: ChecklistEntryFacts, premises = SMALL_HOUSE, thresholds = DEFAULTS) {
  return hazardsFromChecklist([entry], CHECKLIST_CATALOGUE, thresholds, premises)[0];
}

describe('checklist catalogue', () => {
  it('has every item code of the inspection schema, in order', () => {
    expect(Object.keys(CHECKLIST_CATALOGUE)).toEqual([...CHECKLIST_ITEM_CODES]);
  });

  it('files each item under the section its code prefix names', () => {
    const sectionOfPrefix = {
      EB: 'eBike',
      EL: 'electrical',
      GS: 'gasAndFire',
      GR: 'groupRental',
      FE: 'fireEquipment',
      EV: 'evacuation',
      BD: 'building',
      PS: 'publicSecurity',
      OT: 'other',
    } as const;
    for (const [code, item] of Object.entries(CHECKLIST_CATALOGUE)) {
      expect(item.section, code).toBe(sectionOfPrefix[code.slice(0, 2) as keyof typeof sectionOfPrefix]);
    }
  });

  it('letters the sections A–H in checklist order', () => {
    expect(
      CHECKLIST_SECTIONS.map((s) => (SECTION_LETTERS as Record<string, string>)[s] ?? '-').join(''),
    ).toBe('ABCDEFGH-');
  });

  it('suggests 重大 for exactly the items §1.3 marks major', () => {
    const major = CHECKLIST_ITEM_CODES.filter((code) => CHECKLIST_CATALOGUE[code].defaultLevel === 'major');
    expect(major).toEqual([
      'EB01',
      'EB03',
      'EB04',
      'GS01',
      'GS02',
      'GR03',
      'GR04',
      'EV01',
      'EV02',
      'EV03',
      'BD01',
      'BD02',
      'PS05',
    ]);
  });

  it('refers only to thresholds the street configuration has', () => {
    for (const item of Object.values(CHECKLIST_CATALOGUE)) {
      for (const key of 'thresholds' in item ? item.thresholds : []) {
        expect(DEFAULT_STREET_THRESHOLDS).toHaveProperty(key);
      }
    }
  });
});

describe('hazards from the checklist', () => {
  it('drafts one open hazard per failed item, none for passed or not applicable ones', () => {
    const entries: ChecklistEntryFacts[] = [
      { itemCode: 'EL01', result: 'fail' },
      { itemCode: 'EL02', result: 'pass' },
      { itemCode: 'GS03', result: 'na' },
      { itemCode: 'EV04', result: 'fail' },
    ];
    const drafts = hazardsFromChecklist(entries, CHECKLIST_CATALOGUE, DEFAULTS, SMALL_HOUSE);
    expect(drafts.map((d) => [d.itemCode, d.status])).toEqual([
      ['EL01', 'open'],
      ['EV04', 'open'],
    ]);
  });

  it.each(CHECKLIST_ITEM_CODES)(
    'gives a failed %s its default level when nothing escalates it',
    (itemCode) => {
      const draft = draftFor({ itemCode, result: 'fail' });
      expect(draft?.hazardLevel).toBe(CHECKLIST_CATALOGUE[itemCode].defaultLevel);
      expect(draft?.levelBasis).toBe('default');
    },
  );

  it('raises EB02 to major when the bikes block an exit', () => {
    expect(draftFor({ itemCode: 'EB02', result: 'fail', blocksExit: false })).toMatchObject({
      hazardLevel: 'general',
      levelBasis: 'default',
    });
    expect(draftFor({ itemCode: 'EB02', result: 'fail', blocksExit: true })).toMatchObject({
      hazardLevel: 'major',
      levelBasis: 'blocksExit',
      reportNow: true,
    });
  });

  it('ignores blocksExit on items without that escalation', () => {
    expect(draftFor({ itemCode: 'EL01', result: 'fail', blocksExit: true })?.hazardLevel).toBe('general');
  });

  it('raises FE03 to major from 10 rooms or 10 occupants on', () => {
    const fe03: ChecklistEntryFacts = { itemCode: 'FE03', result: 'fail' };
    expect(draftFor(fe03, { roomCount: 9, occupantCount: 9 })?.hazardLevel).toBe('general');
    expect(draftFor(fe03, { roomCount: 10, occupantCount: 3 })).toMatchObject({
      hazardLevel: 'major',
      levelBasis: 'groupRentalThreshold',
    });
    expect(draftFor(fe03, { roomCount: 2, occupantCount: 10 })?.hazardLevel).toBe('major');
  });

  it('uses the street threshold for FE03: 15 people in a city that says so', () => {
    const fe03: ChecklistEntryFacts = { itemCode: 'FE03', result: 'fail' };
    const strict = streetThresholds({ groupRentalPersons: 15 });
    expect(draftFor(fe03, { roomCount: 2, occupantCount: 14 }, strict)?.hazardLevel).toBe('general');
    expect(draftFor(fe03, { roomCount: 2, occupantCount: 15 }, strict)?.hazardLevel).toBe('major');
  });

  it('does not raise FE04 at the threshold: only FE03 escalates', () => {
    expect(
      draftFor({ itemCode: 'FE04', result: 'fail' }, { roomCount: 12, occupantCount: 20 })?.hazardLevel,
    ).toBe('general');
  });

  it('keeps the level the inspector picked, above or below the suggestion', () => {
    expect(draftFor({ itemCode: 'EB01', result: 'fail', hazardLevel: 'general' })).toMatchObject({
      hazardLevel: 'general',
      levelBasis: 'inspector',
      reportNow: false,
    });
    expect(
      draftFor(
        { itemCode: 'FE03', result: 'fail', hazardLevel: 'general' },
        { roomCount: 20, occupantCount: 30 },
      ),
    ).toMatchObject({ hazardLevel: 'general', levelBasis: 'inspector' });
    expect(draftFor({ itemCode: 'OT99', result: 'fail', hazardLevel: 'major' })).toMatchObject({
      hazardLevel: 'major',
      reportNow: true,
    });
  });

  it('sends PS05 to the police at once', () => {
    expect(draftFor({ itemCode: 'PS05', result: 'fail' })).toMatchObject({
      hazardLevel: 'major',
      reportNow: true,
      reportTo: 'police',
    });
    expect(draftFor({ itemCode: 'EB01', result: 'fail' })).not.toHaveProperty('reportTo');
  });

  it('carries the note as description and the photos', () => {
    const photo = 'b'.repeat(64);
    expect(
      draftFor({ itemCode: 'EL01', result: 'fail', note: ' 插线板串接 ', photoIds: [photo] }),
    ).toMatchObject({
      description: '插线板串接',
      photoIds: [photo],
    });
    const bare = draftFor({ itemCode: 'EL01', result: 'fail', note: '  ' });
    expect(bare).not.toHaveProperty('description');
    expect(bare?.photoIds).toEqual([]);
  });

  it('calls a house a group rental by rooms or by occupants', () => {
    expect(meetsGroupRentalThreshold({ roomCount: 10, occupantCount: 0 }, DEFAULTS)).toBe(true);
    expect(meetsGroupRentalThreshold({ roomCount: 0, occupantCount: 10 }, DEFAULTS)).toBe(true);
    expect(meetsGroupRentalThreshold({ roomCount: 9, occupantCount: 9 }, DEFAULTS)).toBe(false);
  });
});
