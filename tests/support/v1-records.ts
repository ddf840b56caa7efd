/** Sample records as version 1 of the app wrote them (before the field model of DOMAIN.md). */
import { sampleDispute, samplePatrol, sampleRentalInspection } from './sample-records';

export function v1Patrol(id: string) {
  const {
    findings: _f,
    selfResolvedCount: _s,
    reportedCount: _r,
    antiFraud: _a,
    ...body
  } = samplePatrol(id).body;
  return { ...samplePatrol(id), schemaVersion: 1, body };
}
export function v1Inspection(id: string) {
  const { hazards: _h, ...body } = sampleRentalInspection(id).body;
  return { ...sampleRentalInspection(id), schemaVersion: 1, body };
}
export function v1Dispute(id: string) {
  const {
    source: _s,
    nature: _n,
    involvedCount: _i,
    handlingLevel: _h,
    sessions: _se,
    followUps: _f,
    flowLogs: _fl,
    ...body
  } = sampleDispute(id).body;
  return { ...sampleDispute(id), schemaVersion: 1, body };
}
