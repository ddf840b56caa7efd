/**
 * The rental-inspection checklist of DOMAIN.md §1.3 as data, and the step that turns failed items
 * into hazard drafts. Labels live in the app's i18n table under the item code and section key.
 *
 * Levels are a 初判 (preliminary assessment): 重大火灾隐患 is formally determined by 消防救援机构 [S17].
 * A level the inspector picks on the entry wins over the catalogue's suggestion, escalations included.
 */
import type { HazardLevel, JointUnit } from './hazard-workflow';
import type { CHECK_RESULTS, CHECKLIST_ITEM_CODES } from './rental-inspection';
import type { StreetThresholdKey, StreetThresholds } from './street-thresholds';

export type ChecklistItemCode = (typeof CHECKLIST_ITEM_CODES)[number];

/** Sections A–H in checklist order, then 其他 for OT99. */
export const CHECKLIST_SECTIONS = [
  'eBike', // A 电动自行车
  'electrical', // B 电气
  'gasAndFire', // C 燃气/用火
  'groupRental', // D 群租/隔断
  'fireEquipment', // E 消防器材/设施
  'evacuation', // F 疏散
  'building', // G 建筑/场所
  'publicSecurity', // H 治安/登记
  'other', // 其他
] as const;
export type ChecklistSection = (typeof CHECKLIST_SECTIONS)[number];

/** The section letters of the printed form; 其他 has none. */
export const SECTION_LETTERS = {
  eBike: 'A',
  electrical: 'B',
  gasAndFire: 'C',
  groupRental: 'D',
  fireEquipment: 'E',
  evacuation: 'F',
  building: 'G',
  publicSecurity: 'H',
} as const satisfies Partial<Record<ChecklistSection, string>>;

/**
 * Why a failed item is raised above its default level:
 * - blocksExit: the inspector marked the entry as blocking an exit or escape route.
 * - groupRentalThreshold: the house meets the street's 群租 threshold (rooms or occupants).
 */
export const LEVEL_ESCALATIONS = ['blocksExit', 'groupRentalThreshold'] as const;
export type LevelEscalation = (typeof LEVEL_ESCALATIONS)[number];

/** One checklist item: its section, suggested level, the street thresholds it refers to, and escalation. */
export type ChecklistItem = {
  section: ChecklistSection;
  defaultLevel: HazardLevel;
  thresholds?: readonly StreetThresholdKey[];
  escalation?: { when: LevelEscalation; to: HazardLevel };
  /** Besides 社区, the unit a hazard of this item is reported to at once. */
  reportTo?: JointUnit;
};

export type ChecklistCatalogue = Readonly<Record<ChecklistItemCode, ChecklistItem>>;

const GROUP_RENTAL = ['groupRentalRooms', 'groupRentalPersons'] as const;

/** DOMAIN.md §1.3, item by item. */
export const CHECKLIST_CATALOGUE = {
  EB01: { section: 'eBike', defaultLevel: 'major' },
  EB02: { section: 'eBike', defaultLevel: 'general', escalation: { when: 'blocksExit', to: 'major' } },
  EB03: { section: 'eBike', defaultLevel: 'major' },
  EB04: { section: 'eBike', defaultLevel: 'major' },
  EB05: { section: 'eBike', defaultLevel: 'general' },
  EL01: { section: 'electrical', defaultLevel: 'general' },
  EL02: { section: 'electrical', defaultLevel: 'general' },
  EL03: { section: 'electrical', defaultLevel: 'general' },
  EL04: { section: 'electrical', defaultLevel: 'general' },
  EL05: { section: 'electrical', defaultLevel: 'general' },
  GS01: { section: 'gasAndFire', defaultLevel: 'major' },
  GS02: { section: 'gasAndFire', defaultLevel: 'major' },
  GS03: { section: 'gasAndFire', defaultLevel: 'general' },
  GS04: { section: 'gasAndFire', defaultLevel: 'general' },
  GS05: { section: 'gasAndFire', defaultLevel: 'general' },
  GR01: { section: 'groupRental', defaultLevel: 'general', thresholds: ['minAreaPerPersonM2'] },
  GR02: { section: 'groupRental', defaultLevel: 'general', thresholds: ['maxPersonsPerRoom'] },
  GR03: { section: 'groupRental', defaultLevel: 'major' },
  GR04: { section: 'groupRental', defaultLevel: 'major' },
  GR05: { section: 'groupRental', defaultLevel: 'general' },
  FE01: {
    section: 'fireEquipment',
    defaultLevel: 'general',
    thresholds: ['extinguisherKgPerUnit', 'extinguisherMultiUnitFrom', 'extinguisherKgMultiUnit'],
  },
  FE02: { section: 'fireEquipment', defaultLevel: 'general' },
  // Detectors are mandatory from the group-rental threshold on and only encouraged below it [S2][S4].
  FE03: {
    section: 'fireEquipment',
    defaultLevel: 'general',
    thresholds: GROUP_RENTAL,
    escalation: { when: 'groupRentalThreshold', to: 'major' },
  },
  FE04: { section: 'fireEquipment', defaultLevel: 'general', thresholds: GROUP_RENTAL },
  FE05: { section: 'fireEquipment', defaultLevel: 'general' },
  FE06: { section: 'fireEquipment', defaultLevel: 'general', thresholds: GROUP_RENTAL },
  EV01: { section: 'evacuation', defaultLevel: 'major' },
  EV02: { section: 'evacuation', defaultLevel: 'major' },
  EV03: { section: 'evacuation', defaultLevel: 'major' },
  EV04: { section: 'evacuation', defaultLevel: 'general' },
  BD01: { section: 'building', defaultLevel: 'major' },
  BD02: { section: 'building', defaultLevel: 'major' },
  BD03: { section: 'building', defaultLevel: 'general' },
  PS01: { section: 'publicSecurity', defaultLevel: 'general', thresholds: ['leaseDeclarationDays'] },
  PS02: { section: 'publicSecurity', defaultLevel: 'general' },
  PS03: { section: 'publicSecurity', defaultLevel: 'general' },
  PS04: { section: 'publicSecurity', defaultLevel: 'general' },
  // Clues of 黄赌毒 or crime go to 社区民警 [R1].
  PS05: { section: 'publicSecurity', defaultLevel: 'major', reportTo: 'police' },
  PS06: { section: 'publicSecurity', defaultLevel: 'general' },
  // §1.3 suggests no level for 其他; general until the inspector picks one.
  OT99: { section: 'other', defaultLevel: 'general' },
} as const satisfies ChecklistCatalogue;

/** A checklist answer as the hazard step reads it. */
export type ChecklistEntryFacts = {
  itemCode: ChecklistItemCode;
  result: (typeof CHECK_RESULTS)[number];
  /** The inspector's own level; wins over the catalogue. */
  hazardLevel?: HazardLevel;
  /** EB02: the bikes block an exit or escape route. */
  blocksExit?: boolean;
  note?: string;
  photoIds?: readonly string[];
};

/** What the escalations read about the house. */
export type PremisesFacts = { roomCount: number; occupantCount: number };

/** Where a draft's level came from, so the app can say why it suggests 重大. */
export type LevelBasis = 'inspector' | 'default' | LevelEscalation;

/** A hazard proposed for one failed item, before the inspector chooses how to handle it. */
export type HazardDraft = {
  itemCode: ChecklistItemCode;
  hazardLevel: HazardLevel;
  levelBasis: LevelBasis;
  /** 重大隐患: report to 社区 (and reportTo) at once, DOMAIN.md §1.4 SLAs. */
  reportNow: boolean;
  reportTo?: JointUnit;
  status: 'open';
  description?: string;
  photoIds: readonly string[];
};

/** Whether the house meets the street's 群租 threshold: enough rooms or enough occupants. */
export function meetsGroupRentalThreshold(premises: PremisesFacts, thresholds: StreetThresholds): boolean {
  return (
    premises.roomCount >= thresholds.groupRentalRooms ||
    premises.occupantCount >= thresholds.groupRentalPersons
  );
}

/** One open hazard draft per failed item, with the suggested level and why. */
export function hazardsFromChecklist(
  entries: readonly ChecklistEntryFacts[],
  catalogue: ChecklistCatalogue,
  thresholds: StreetThresholds,
  premises: PremisesFacts,
): HazardDraft[] {
  return entries
    .filter((entry) => entry.result === 'fail')
    .map((entry) => {
      const item = catalogue[entry.itemCode];
      const { hazardLevel, levelBasis } = levelOf(entry, item, thresholds, premises);
      return {
        itemCode: entry.itemCode,
        hazardLevel,
        levelBasis,
        reportNow: hazardLevel === 'major',
        ...(item.reportTo === undefined ? {} : { reportTo: item.reportTo }),
        status: 'open' as const,
        ...(entry.note?.trim() ? { description: entry.note.trim() } : {}),
        photoIds: entry.photoIds ?? [],
      };
    });
}

function levelOf(
  entry: ChecklistEntryFacts,
  item: ChecklistItem,
  thresholds: StreetThresholds,
  premises: PremisesFacts,
): { hazardLevel: HazardLevel; levelBasis: LevelBasis } {
  if (entry.hazardLevel !== undefined) return { hazardLevel: entry.hazardLevel, levelBasis: 'inspector' };
  const escalation = item.escalation;
  if (escalation) {
    const applies =
      escalation.when === 'blocksExit'
        ? entry.blocksExit === true
        : meetsGroupRentalThreshold(premises, thresholds);
    if (applies) return { hazardLevel: escalation.to, levelBasis: escalation.when };
  }
  return { hazardLevel: item.defaultLevel, levelBasis: 'default' };
}
