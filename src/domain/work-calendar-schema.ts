/**
 * The wire and file form of a year's holiday schedule (work-calendar.ts): what an admin loads and
 * what devices receive with their grids. Apart from work-calendar.ts so the deadline arithmetic the
 * home screen reads stays free of zod.
 */
import * as z from 'zod/mini';
import { isValidDay } from './due-dates';
import { requiredText } from './text';
import { type CalendarYear, calendarYearProblem } from './work-calendar';

const day = z.string().check(z.refine(isValidDay, 'Expected a calendar day YYYY-MM-DD'));

export const calendarYearSchema = z
  .strictObject({
    year: z.int().check(z.gte(2000), z.lte(2100)),
    holidays: z.array(z.strictObject({ name: requiredText(20), from: day, to: day })).check(z.maxLength(20)),
    workdays: z.array(day).check(z.maxLength(20)),
  })
  .check(
    z.refine((entry) => calendarYearProblem(entry as CalendarYear) === undefined, {
      message: 'The schedule contradicts itself',
    }),
  );

export const calendarYearsSchema = z.array(calendarYearSchema).check(z.maxLength(20));
