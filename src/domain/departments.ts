/**
 * 职能部门: the org units an event is dispatched to (交办). Each belongs to one street and has a type;
 * a department account (role lawEnforcement or departmentStaff) is bound to exactly one of them and
 * handles the events assigned to it. Free of zod: the home screen's queue reads it.
 */
import type { JointUnit } from './hazard-workflow';

/** 综合执法, 派出所, 城管, 消防, 物业. The codes of the hazard's 移交单位 where they are the same unit. */
export const DEPARTMENT_TYPES = [
  'lawEnforcement',
  'police',
  'cityManagement',
  'fireRescue',
  'property',
] as const;
export type DepartmentType = (typeof DEPARTMENT_TYPES)[number];

export interface Department {
  /** An org id (orgs.id, level `department`). */
  id: string;
  name: string;
  type: DepartmentType;
  streetId: string;
}

/** The roles bound to a department: they see and handle what is assigned to it. */
export const DEPARTMENT_ROLES: readonly string[] = ['lawEnforcement', 'departmentStaff'];

/**
 * The department type a rental hazard handed over (交办) to `unit` becomes an event for: 综合执法
 * and 消防 take the hazards the inspection hands them; other units are told, not dispatched to.
 */
export function departmentTypeForHazard(unit: JointUnit): DepartmentType | undefined {
  if (unit === 'lawEnforcement') return 'lawEnforcement';
  if (unit === 'fireRescue') return 'fireRescue';
  return undefined;
}
