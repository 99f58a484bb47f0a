export { dateQuery, errorBody } from '../../platform/http.ts';

// JSON Schemas for the workload API: they validate requests, shape responses and feed /openapi.json.
export const range = {
  type: 'object',
  description: 'Low / central / high estimate.',
  properties: { low: { type: 'number' }, central: { type: 'number' }, high: { type: 'number' } },
  required: ['low', 'central', 'high'],
} as const;

const headroomOne = {
  type: 'object',
  description: 'More cases of this type that fit before the central ratio leaves the green band: fewest (high hours), central, most (low hours). Null means unlimited.',
  properties: { fewest: { type: ['integer', 'null'] }, central: { type: ['integer', 'null'] }, most: { type: ['integer', 'null'] } },
} as const;

export const headroom = {
  type: 'object',
  properties: Object.fromEntries(['family_help', 'referral', 'cin_plan', 'cp_plan', 'looked_after', 'care_leaver'].map((t) => [t, headroomOne])),
} as const;

export const practitionerSummary = {
  type: 'object',
  properties: {
    practitionerId: { type: 'string' },
    name: { type: 'string' },
    teamId: { type: 'string' },
    role: { type: 'string' },
    fte: { type: 'number' },
    agency: { type: 'boolean' },
    inAsye: { type: 'boolean' },
    cases: { type: 'integer', description: 'Open cases held as the allocated (lead) worker.' },
    demandHours: { ...range, description: 'Expected hours of casework over the next month.' },
    capacityHours: { type: 'number', description: 'Hours available for casework over the next month.' },
    ratio: { anyOf: [range, { type: 'null' }], description: 'Demand ÷ capacity; null with no capacity at all.' },
    band: { type: 'string', enum: ['green', 'amber', 'red', 'cover', 'none'] },
    headroom,
  },
} as const;

const activity = {
  type: 'object',
  properties: {
    code: { type: 'string' }, name: { type: 'string' }, category: { type: 'string' }, occurrences: { type: 'number' },
    multiplier: { type: 'number' }, siblingShare: { type: 'number' }, hours: range, why: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const breakdown = {
  type: 'object',
  properties: {
    ...practitionerSummary.properties,
    date: { type: 'string' },
    configVersion: { type: 'integer' },
    capacity: {
      type: 'object',
      properties: {
        contractedHours: { type: 'number' }, leaveHours: { type: 'number' },
        protectedTime: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, hours: { type: 'number' } } } },
        asyeHours: { type: 'number' }, absenceHours: { type: 'number' }, availableHours: { type: 'number' },
        caseworkShare: { type: 'number' }, caseworkHours: { type: 'number' },
      },
    },
    caseList: {
      type: 'array',
      items: {
        type: 'object',
        properties: { childId: { type: 'string' }, childName: { type: 'string' }, statuses: { type: 'array', items: { type: 'string' } }, hours: range, activities: { type: 'array', items: activity } },
      },
    },
  },
} as const;

export const schedule = {
  type: 'object',
  properties: {
    childId: { type: 'string' }, childName: { type: 'string' }, date: { type: 'string' }, configVersion: { type: 'integer' },
    statuses: { type: 'array', items: { type: 'string' } },
    overdue: { type: 'integer' },
    notInData: { type: 'integer' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          activityCode: { type: 'string' }, name: { type: 'string' }, status: { type: 'string' }, dueOn: { type: 'string' },
          lastDoneOn: { type: ['string', 'null'] }, state: { type: 'string', enum: ['overdue', 'due_soon', 'upcoming', 'done', 'not_in_data'] },
          daysOverdue: { type: 'integer' }, conditional: { type: 'boolean' }, ruleSource: { type: 'string' },
        },
      },
    },
  },
} as const;
